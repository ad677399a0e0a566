"""The browser editor ("Isi SKP", "Laporkan realisasi", "Beri penilaian") in Debian's Chromium at
phone width, on the shared demo site: a user fills a whole plan with keyboard and mouse, sees
the live errors, submits; the navigation to github.com is intercepted, the issue body is
rebuilt from the URL's fields as GitHub renders a submitted form, and `kinerja form` turns it
into a file that validates. The same for realisasi and then the penilai's rating of it. Every
request is recorded: nothing leaves 127.0.0.1. axe-core finds no serious violation; hostile
text in every field (the first pass filled field by field, the rest of the corpus set as a paste
does, one call per pass) ends in the issue text and the YAML exactly as entered."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from sitekit import ROOT, Server
from test_a11y import _describe, _violations

from kinerja.findings import has_nip
from kinerja.loader import load_text
from kinerja.review import forms

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("editor")]

PHONE = {"width": 390, "height": 844}
SUPERVISOR_PLAN = "2026-disdik-sdn-12-mb-01"  # by hand: the head's jabatan sorts first in SD Negeri 12 (see test_publiclink)
SITI = ("kt-demo-siti", "91000042")  # disdik-0042, a teacher of SD Negeri 12
KEPSEK = ("kt-demo-kepsek-sdn12", "91000035")  # disdik-0040, her penilai


@pytest.fixture(scope="module")
def server(demo_site):
    s = Server(demo_site)
    yield s
    s.close()


class Session:
    """A phone-sized page whose every request is recorded; github.com is answered locally."""

    def __init__(self, browser, server):
        self.ctx = browser.new_context(viewport=PHONE, has_touch=True)
        self.page = self.ctx.new_page()
        self.requests: list[str] = []
        self.github: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.ctx.route("**/*", self._route)
        self.server = server

    def _route(self, route):
        url = route.request.url
        host = urlsplit(url).hostname
        if host == "127.0.0.1":
            route.continue_()
        elif host == "github.com":
            self.github.append(url)
            route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>GitHub (tiruan)</title>")
        else:
            route.abort()

    def open(self, path: str):
        self.page.goto(self.server.base + path, wait_until="load")
        self.page.locator("#kt-ringkasan").wait_for()
        return self.page

    def outside(self) -> list[str]:
        """Requests to any host but 127.0.0.1, except the submit navigations to github.com
        (answered by the route above, so they never left either)."""
        return [u for u in self.requests if urlsplit(u).hostname != "127.0.0.1" and not u.startswith(("data:", "blob:"))
                and u not in self.github]

    def close(self):
        self.ctx.close()


@pytest.fixture
def session(browser, server):
    s = Session(browser, server)
    yield s
    s.close()


@pytest.fixture
def repo(demo_repo, tmp_path):
    """A private copy of the repository the site was built from (same commit), with the forms."""
    copy = tmp_path / "repo"
    shutil.copytree(demo_repo, copy, symlinks=True)
    assert (copy / ".github" / "ISSUE_TEMPLATE" / "ajukan-skp.yml").is_file()  # the site build copies the forms
    return copy


def issue_body(key: str, values: dict[str, str]) -> str:
    """What GitHub writes for a submitted form: '### label', a blank line, the value."""
    out = []
    for f in forms.template_fields(ROOT, forms.FORMS[key]):
        out += [f"### {f.label}", "", values.get(f.id) or "_No response_", ""]
    return "\n".join(out)


def fields_of(url: str, template: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.hostname == "github.com" and parts.path.endswith("/issues/new"), url
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    assert query.pop("template") == template
    return query


def kinerja_form(repo: Path, tmp: Path, key: str, body: str, who, today: str = "2027-01-10"):
    (tmp / "body.md").write_text(body, encoding="utf-8")
    for name in ("reply.md", "result.json"):
        (tmp / name).unlink(missing_ok=True)
    import sys

    proc = subprocess.run([sys.executable, "-m", "kinerja", "form", "--akar", str(repo), "--berkas-isi", str(tmp / "body.md"),
                           "--formulir", key, "--pembuat", who[0], "--id-pembuat", who[1], "--isu", "77", "--tanggal", today,
                           "--balasan", str(tmp / "reply.md"), "--hasil", str(tmp / "result.json")],
                          capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert (tmp / "reply.md").exists(), proc.stdout + proc.stderr
    reply = (tmp / "reply.md").read_text(encoding="utf-8")
    result = json.loads((tmp / "result.json").read_text(encoding="utf-8"))
    return proc.returncode, reply, result


def validates(repo: Path, rel: str) -> None:
    import sys

    proc = subprocess.run([sys.executable, "-m", "kinerja", "validate", "--akar", str(repo), str(repo / rel)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def type_into(page, selector: str, text: str) -> None:
    page.locator(selector).click()
    page.keyboard.type(text)


def fill_plan(page, rhk_text: str = "Terlaksananya pembelajaran berbasis proyek di kelas IV") -> None:
    page.select_option("#kt-tahun", "2027")
    page.select_option("#kt-pd", "disdik")
    page.select_option("#kt-unit", "disdik-sdn-12-mb")
    page.select_option("#kt-atasan", SUPERVISOR_PLAN)
    type_into(page, "#kt-rhk-0-uraian", rhk_text)
    page.locator("#kt-rhk-0-atasan").select_option(index=1)  # the head's first RHK, chosen by its text
    page.select_option("#kt-rhk-0-iki-0-aspek", "kuantitas")
    type_into(page, "#kt-rhk-0-iki-0-uraian", "Jumlah proyek literasi yang diselesaikan siswa")


def test_isi_skp_whole_plan_at_phone_width_submits_a_form_that_converts(session, repo, tmp_path, demo_repo):
    page = session.open("editor/isi-skp/")
    assert page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]').content").count("connect-src 'self'") == 1
    fill_plan(page)
    # the RHK is chosen by its text; the value names the public plan and the build commit
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=demo_repo, capture_output=True, text=True).stdout.strip()
    assert page.locator("#kt-rhk-0-atasan").input_value() == f"{SUPERVISOR_PLAN}@{commit}/rhk-1"
    assert "literasi" in page.locator("#kt-rhk-0-atasan option:checked").inner_text()
    # a target written the English way is refused live, with the reason, linked to the field
    type_into(page, "#kt-rhk-0-iki-0-target", "1,000 dokumen")
    error = page.locator("#kt-rhk-0-iki-0-target-galat")
    assert "1.000 untuk ribuan" in error.inner_text()
    assert page.get_attribute("#kt-rhk-0-iki-0-target", "aria-invalid") == "true"
    assert "kt-rhk-0-iki-0-target-galat" in page.get_attribute("#kt-rhk-0-iki-0-target", "aria-describedby")
    assert "perlu diperbaiki" in page.locator("#kt-ringkasan").inner_text()
    page.locator("#kt-rhk-0-iki-0-target").fill("")
    type_into(page, "#kt-rhk-0-iki-0-target", "6 proyek")
    assert error.is_hidden()
    # a second IKI, lower is better, by keyboard only
    page.locator("text=Tambah IKI untuk RHK 1").click()
    page.locator("#kt-rhk-0-iki-1-aspek").focus()
    page.keyboard.press("ArrowDown")  # kuantitas -> kualitas
    page.keyboard.press("ArrowDown")  # -> waktu
    page.keyboard.press("Tab")
    page.keyboard.type("Waktu penyerahan nilai rapor setelah akhir semester")
    page.keyboard.press("Tab")
    page.keyboard.type("paling lambat 7 hari")
    assert "lebih kecil lebih baik" in page.locator("#kt-rhk-0-iki-1-target-baca").inner_text()
    type_into(page, "#kt-perilaku-adaptif", "Menyesuaikan proyek dengan kondisi sungai dan musim.")
    type_into(page, "#kt-lampiran-dukungan_sumber_daya", "Bahan ajar proyek dari dana BOS")
    page.keyboard.press("Enter")
    page.keyboard.type("- Akses ruang perpustakaan | dua kali seminggu")
    # sending with an empty required field shows it and does not leave the page
    page.locator("#kt-tambah-rhk").click()
    page.locator("#kt-kirim-tombol").click()
    assert not session.github
    assert page.locator("#kt-rhk-1-uraian-galat").is_visible()
    page.locator("#kt-rhk-1-uraian").fill("Terbaginya praktik baik kepada guru lain")
    page.locator("#kt-rhk-1-atasan").select_option(index=2)
    page.locator("#kt-rhk-1-iki-0-uraian").fill("Jumlah guru yang mengikuti berbagi praktik")
    page.locator("#kt-rhk-1-iki-0-target").fill("minimal 10 orang")
    page.locator("#kt-kirim-tombol").click()
    page.wait_for_url("https://github.com/**")
    assert len(session.github) == 1 and not session.outside(), session.outside()
    values = fields_of(session.github[0], "ajukan-skp.yml")
    assert session.github[0].startswith("https://github.com/pemkab-batanghari-demo/kinerja/issues/new?")
    assert len(session.github[0].encode()) <= 8000
    code, reply, result = kinerja_form(repo, tmp_path, "skp", issue_body("skp", values), SITI)
    assert code == 0 and result["ok"], reply
    validates(repo, result["file"])
    plan = load_text((repo / result["file"]).read_text(encoding="utf-8")).data
    assert [r["intervensi"] for r in plan["hasil_kerja"]] == ["disdik-0040/rhk-1", "disdik-0040/rhk-2"]
    iki = plan["hasil_kerja"][0]["indikator"]
    assert iki[0]["target"] == {"nilai": 6, "satuan": "proyek"}
    assert iki[1]["aspek"] == "waktu" and iki[1]["target"] == {"nilai": 7, "satuan": "hari"} and iki[1]["lebih_kecil_lebih_baik"] is True
    assert plan["perilaku_kerja"] == {"adaptif": {"ekspektasi_khusus": "Menyesuaikan proyek dengan kondisi sungai dan musim."}}
    assert plan["status"] == "draf" and plan["pegawai"] == "disdik-0042"
    assert plan["lampiran"] == {"dukungan_sumber_daya": ["Bahan ajar proyek dari dana BOS", "Akses ruang perpustakaan | dua kali seminggu"]}


def paste(page, selector: str, text: str) -> None:
    page.locator(selector).fill(text)


# Sets many fields in one call, each as a paste does: the value through the element's own setter,
# then an "input" event the page handles as it handles typing. The hostile-text tests fill their
# first pass field by field with Playwright's fill (focus, select, insert text) and the rest of the
# corpus with this: one browser call per pass instead of one per field (a fill is 20-60 ms).
SET_VALUES = """(pairs) => {
  for (const [id, value] of pairs) {
    const e = document.getElementById(id);
    if (!e) throw new Error('no field #' + id);
    const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, value);
    e.dispatchEvent(new Event('input', { bubbles: true }));
  }
}"""


def fill_fields(page, pairs: list[tuple[str, str]], one_by_one: bool) -> None:
    """Fill `pairs` (field id, text): with Playwright's fill each, or all in one call."""
    if one_by_one:
        for field_id, text in pairs:
            page.locator(f"#{field_id}").fill(text)
    else:
        page.evaluate(SET_VALUES, [list(x) for x in pairs])


def test_realisasi_then_penilaian_convert_to_files_that_validate(session, repo, tmp_path):
    plan_text = (repo / "plans/2026/disdik-0042.yml").read_text(encoding="utf-8")
    plan = load_text(plan_text).data
    page = session.open("editor/laporkan-realisasi/")
    # a pasted file with a key written twice is refused like the loader does
    paste(page, "#kt-rencana", plan_text + "tahun: 2026\n")
    assert "dua kali" in page.locator("#kt-rencana-galat").inner_text()
    paste(page, "#kt-rencana", plan_text)
    page.select_option("#kt-periode", "triwulan_4")
    ikis = [(i, j) for i, r in enumerate(plan["hasil_kerja"]) for j, _ in enumerate(r["indikator"])]
    type_into(page, f"#kt-r{ikis[0][0]}-i{ikis[0][1]}", "1,000")  # ambiguous: refused live
    assert "dapat berarti 1000" in page.locator(f"#kt-r{ikis[0][0]}-i{ikis[0][1]}-galat").inner_text()
    for n, (i, j) in enumerate(ikis):
        page.locator(f"#kt-r{i}-i{j}").fill(str(n + 2))
    page.locator("#kt-r0-uraian").fill("Proyek literasi berjalan di dua kelas.")
    page.locator("#kt-r0-bukti").fill("https://drive.example.org/laporan-tw4")
    page.locator("#kt-kirim-tombol").click()
    page.wait_for_url("https://github.com/**")
    values = fields_of(session.github[-1], "laporkan-realisasi.yml")
    code, reply, result = kinerja_form(repo, tmp_path, "realisasi", issue_body("realisasi", values), SITI)
    assert code == 0 and result["ok"], reply
    assert result["file"] == "evaluations/2026/triwulan_4/disdik-0042.yml"
    validates(repo, result["file"])
    evaluation_text = (repo / result["file"]).read_text(encoding="utf-8")
    ev = load_text(evaluation_text).data
    assert ev["realisasi"]["hasil_kerja"][0]["indikator"][0]["realisasi"] == 2
    assert ev["realisasi"]["hasil_kerja"][0]["bukti_dukung"] == [{"url": "https://drive.example.org/laporan-tw4", "publik": False}]

    # the penilai rates it; her umpan balik stays in this tab's sessionStorage until she clears it
    page = session.open("editor/beri-penilaian/")
    paste(page, "#kt-rencana", plan_text)
    paste(page, "#kt-evaluasi", evaluation_text)
    for i, _ in enumerate(plan["hasil_kerja"]):
        page.select_option(f"#kt-n{i}-rating", "sesuai_ekspektasi")
    type_into(page, "#kt-n0-umpan", "Pertahankan; libatkan orang tua.")
    assert "Pertahankan" in page.evaluate("sessionStorage.getItem('kinerja-terbuka:umpan-balik')")
    assert "Pertahankan" not in page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    page.select_option("#kt-rating-hasil", "sesuai_ekspektasi")
    page.select_option("#kt-rating-perilaku", "sesuai_ekspektasi")
    page.locator("#kt-kirim-tombol").click()
    page.wait_for_url("https://github.com/**")
    values = fields_of(session.github[-1], "beri-penilaian.yml")
    code, reply, result = kinerja_form(repo, tmp_path, "penilaian", issue_body("penilaian", values), KEPSEK)
    assert code == 0 and result["ok"], reply
    validates(repo, result["file"])
    rated = load_text((repo / result["file"]).read_text(encoding="utf-8")).data
    assert rated["penilaian"]["hasil_kerja"][0] == {"rhk": plan["hasil_kerja"][0]["id"], "rating": "sesuai_ekspektasi",
                                                    "umpan_balik": "Pertahankan; libatkan orang tua."}
    assert not session.outside(), session.outside()
    # "Hapus draf" removes the private text from the browser
    page.go_back()
    page.locator("#kt-ringkasan").wait_for()
    page.locator("#kt-hapus-draf").click()
    assert page.evaluate("sessionStorage.getItem('kinerja-terbuka:umpan-balik')") is None


def test_editor_pages_have_no_serious_axe_violation_at_phone_width(session):
    problems = []
    for path, prepare in (("editor/isi-skp/", lambda p: fill_plan(p)), ("editor/laporkan-realisasi/", None), ("editor/beri-penilaian/", None)):
        page = session.open(path)
        if prepare:
            prepare(page)
            page.locator("#kt-kirim-tombol").click()  # every error shown
        problems += _describe(path, _violations(page))
        over = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth")
        if over > 0:
            problems.append(f"{path}: the page scrolls sideways by {over}px")
    assert not problems, "\n".join(problems)
    assert not session.outside()


def test_hostile_text_in_every_field_ends_as_typed_in_the_issue_and_the_yaml(session, repo, tmp_path, payloads):
    """Typed text is data: the page sets it only as text, the issue text carries it verbatim,
    and `kinerja form` writes it into the YAML as the same string. Text with '|' (the forms'
    column separator) is refused live instead."""
    usable = [p for p in payloads if "|" not in p and "\n" not in p and p.strip() == p and p and not has_nip(p)]
    refused = [p for p in payloads if "|" in p]
    assert len(usable) >= 100 and refused
    page = session.open("editor/isi-skp/")
    fill_plan(page)
    page.locator("#kt-rhk-0-iki-0-target").fill("6 proyek")
    page.locator("#kt-rhk-0-uraian").fill(refused[0])
    assert "Tanda | tidak boleh" in page.locator("#kt-rhk-0-uraian-galat").inner_text()
    per_plan = 40  # RHK uraian and IKI uraian of 20 RHK
    for start in range(0, len(usable), per_plan):
        batch = usable[start:start + per_plan]
        page = session.open("editor/isi-skp/")
        fill_plan(page)
        pairs = []
        for n in range((len(batch) + 1) // 2):
            if n:
                page.locator("#kt-tambah-rhk").click()
                page.locator(f"#kt-rhk-{n}-atasan").select_option(index=1)
            pairs += [(f"kt-rhk-{n}-uraian", batch[2 * n]),
                      (f"kt-rhk-{n}-iki-0-uraian", batch[2 * n + 1] if 2 * n + 1 < len(batch) else "Jumlah laporan"),
                      (f"kt-rhk-{n}-iki-0-target", "6 proyek")]
        fill_fields(page, pairs + [("kt-catatan", batch[0])], one_by_one=start == 0)
        sent = len(session.github)
        page.locator("#kt-kirim-tombol").click()
        page.wait_for_function("() => !document.getElementById('kt-kirim') || document.getElementById('kt-teks')")
        if len(session.github) > sent:
            values = fields_of(session.github[-1], "ajukan-skp.yml")
        else:  # above the URL ceiling: the text to copy, in the same '### label' sections
            text = page.locator("#kt-teks").input_value()
            values = {}
            labels = {f.label: f.id for f in forms.template_fields(ROOT, forms.FORMS["skp"])}
            for section in text.split("### ")[1:]:
                label, _, value = section.partition("\n\n")
                values[labels[label]] = "" if value.strip() == "_No response_" else value.rstrip("\n")
        body = issue_body("skp", values)
        for p in batch:
            assert p in body
        code, reply, result = kinerja_form(repo, tmp_path, "skp", body, SITI)
        assert code == 0 and result["ok"], reply
        plan = load_text((repo / result["file"]).read_text(encoding="utf-8")).data
        written = [r["uraian"] for r in plan["hasil_kerja"]] + [r["indikator"][0]["uraian"] for r in plan["hasil_kerja"]]
        for p in batch:
            assert p in written, p
        assert plan["catatan"] == batch[0]
    assert not session.dialogs and not session.outside(), (session.dialogs, session.outside())


CANARY = "window.kt_xss = function () { console.debug('KT-XSS-CANARY ' + Array.from(arguments).join(' ')); };"


def many_rhk_plan(text: str, total: int = 30) -> str:
    """disdik-0042's plan with RHK rhk-4 .. rhk-<total> added (the schema allows 30): many
    free-text fields on one page, so the corpus needs few passes."""
    lines = text.split("\n")
    at = lines.index("perilaku_kerja:")
    extra = []
    for k in range(4, total + 1):
        extra += [f"  - id: rhk-{k}", "    jenis: tambahan", f"    uraian: \"Terlaksananya kegiatan tambahan nomor {k}\"",
                  "    intervensi: disdik-0040/rhk-1", "    indikator:", "      - id: iki-1", "        aspek: kuantitas",
                  f"        uraian: \"Jumlah kegiatan tambahan nomor {k}\"", "        target: {nilai: 3, satuan: \"sesi\"}",
                  "        jenis_realisasi: kumulatif"]
    return "\n".join(lines[:at] + extra + lines[at:])


def copied_text(page) -> dict[str, str]:
    """The '### label' sections the editor gives to copy above the URL ceiling, by field id."""
    text = page.locator("#kt-teks").input_value()
    return sections(text)


def sections(text: str) -> dict[str, str]:
    labels = {}
    for key in ("realisasi", "penilaian"):
        labels.update({f.label: f.id for f in forms.template_fields(ROOT, forms.FORMS[key])})
    values = {}
    for section in text.split("### ")[1:]:
        label, _, value = section.partition("\n\n")
        values[labels[label]] = "" if value.strip() == "_No response_" else value.rstrip("\n")
    return values


def behaviour(rated: dict) -> dict[str, str]:
    """The penilai's umpan balik per BerAKHLAK core value."""
    return {k: v.get("umpan_balik") for k, v in (rated.get("perilaku_kerja") or {}).items()}


def submitted(session, page, template: str) -> dict[str, str]:
    """Press "Kirim ke GitHub" and read what was sent: the URL's fields, or the text to copy."""
    sent = len(session.github)
    page.locator("#kt-kirim-tombol").click()
    page.wait_for_function("() => document.getElementById('kt-teks') || !document.getElementById('kt-kirim')"
                           " || document.getElementById('kt-ringkasan').classList.contains('kt-ada-galat')")
    if len(session.github) == sent and not page.locator("#kt-teks").count():
        raise AssertionError(page.locator("#kt-ringkasan").inner_text())
    if len(session.github) > sent:
        return fields_of(session.github[-1], template)
    return copied_text(page)


def test_hostile_text_in_realisasi_and_penilaian_fields_ends_as_typed(session, repo, tmp_path, payloads):
    """The corpus through every free-text field of "Laporkan realisasi" (uraian, keterangan of
    the bukti dukung, catatan) and "Beri penilaian" (umpan balik per RHK and per BerAKHLAK
    core value, catatan): one page load per page, many fields per pass; the text reaches the
    issue text and the YAML exactly as typed, and nothing runs (no dialog, no canary)."""
    usable = [p for p in payloads if "|" not in p and "\n" not in p and p.strip() == p and p and not has_nip(p)]
    assert len(usable) >= 100
    canary: list[str] = []
    session.ctx.add_init_script(CANARY)
    session.page.on("console", lambda m: canary.append(m.text) if m.text.startswith("KT-XSS-CANARY") else None)
    plan_text = many_rhk_plan((repo / "plans/2026/disdik-0042.yml").read_text(encoding="utf-8"))
    (repo / "plans/2026/disdik-0042.yml").write_text(plan_text, encoding="utf-8")
    validates(repo, "plans/2026/disdik-0042.yml")
    plan = load_text(plan_text).data
    n_rhk = len(plan["hasil_kerja"])
    assert n_rhk == 30

    # --- Laporkan realisasi: 30 uraian + 30 keterangan + catatan per pass, on one page load
    # while the text stays above the URL ceiling (then the page offers it to copy and stays)
    def open_realisasi():
        page = session.open("editor/laporkan-realisasi/")
        paste(page, "#kt-rencana", plan_text)
        page.select_option("#kt-periode", "triwulan_4")
        pairs = []
        for i, r in enumerate(plan["hasil_kerja"]):
            pairs += [(f"kt-r{i}-i{j}", "2") for j, _ in enumerate(r["indikator"])]
            pairs.append((f"kt-r{i}-bukti", f"https://drive.example.org/bukti-{i}"))
        fill_fields(page, pairs, one_by_one=False)
        return page

    page = open_realisasi()
    per_pass = 2 * n_rhk + 1
    evaluation_text = None
    # longest first: they fill the uraian (up to 2,000 characters); keterangan holds 200
    ordered = sorted(usable, key=len, reverse=True)
    assert len(ordered[n_rhk]) <= 200
    for start in range(0, len(ordered), per_pass):
        batch = ordered[start:start + per_pass]
        want = {}
        for n, p in enumerate(batch):
            if n < n_rhk:
                want[("uraian", n)] = p
            elif n < 2 * n_rhk:
                want[("ket", n - n_rhk)] = p
            else:
                want[("catatan", 0)] = p
        # fields this batch leaves over keep plain text
        pairs = [(f"kt-r{i}-uraian", want.get(("uraian", i), "Berjalan.")) for i in range(n_rhk)]
        pairs += [(f"kt-r{i}-ket", want.get(("ket", i), "Laporan")) for i in range(n_rhk)]
        fill_fields(page, pairs + [("kt-catatan", want.get(("catatan", 0), ""))], one_by_one=start == 0)
        sent = len(session.github)
        values = submitted(session, page, "laporkan-realisasi.yml")
        if len(session.github) > sent and start + per_pass < len(ordered):
            page = open_realisasi()  # the short text went to GitHub: a fresh page for the next pass
        body = issue_body("realisasi", values)
        for p in batch:
            assert p in body, p
        (repo / "evaluations/2026/triwulan_4/disdik-0042.yml").unlink(missing_ok=True)
        code, reply, result = kinerja_form(repo, tmp_path, "realisasi", body, SITI)
        assert code == 0 and result["ok"], reply
        evaluation_text = (repo / result["file"]).read_text(encoding="utf-8")
        ev = load_text(evaluation_text).data["realisasi"]
        rows = {r["rhk"]: r for r in ev["hasil_kerja"]}
        for (what, i), p in want.items():
            if what == "catatan":
                assert ev["catatan"] == p
            elif what == "uraian":
                assert rows[f"rhk-{i + 1}"]["uraian"] == p
            else:
                assert rows[f"rhk-{i + 1}"]["bukti_dukung"][0]["keterangan"] == p
    validates(repo, "evaluations/2026/triwulan_4/disdik-0042.yml")

    # --- Beri penilaian: 30 umpan balik + 7 BerAKHLAK + catatan per pass, one page load
    def open_penilaian():
        page = session.open("editor/beri-penilaian/")
        paste(page, "#kt-rencana", plan_text)
        paste(page, "#kt-evaluasi", evaluation_text)
        for i in range(n_rhk):
            page.select_option(f"#kt-n{i}-rating", "sesuai_ekspektasi")
        page.select_option("#kt-rating-hasil", "sesuai_ekspektasi")
        page.select_option("#kt-rating-perilaku", "sesuai_ekspektasi")
        return page

    page = open_penilaian()
    core = [k for k in page.evaluate("Array.from(document.querySelectorAll('textarea[id^=kt-perilaku-]'), t => t.id)")]
    assert len(core) == 7
    ids = [f"kt-n{i}-umpan" for i in range(n_rhk)] + core + ["kt-catatan"]
    for start in range(0, len(usable), len(ids)):
        batch = usable[start:start + len(ids)]
        fill_fields(page, [(field_id, batch[n] if n < len(batch) else "") for n, field_id in enumerate(ids)],
                    one_by_one=start == 0)
        sent = len(session.github)
        values = submitted(session, page, "beri-penilaian.yml")
        if len(session.github) > sent and start + len(ids) < len(usable):
            page = open_penilaian()
        body = issue_body("penilaian", values)
        for p in batch:
            assert p in body, p
        (repo / "evaluations/2026/triwulan_4/disdik-0042.yml").write_text(evaluation_text, encoding="utf-8")
        code, reply, result = kinerja_form(repo, tmp_path, "penilaian", body, KEPSEK)
        assert code == 0 and result["ok"], reply
        rated = load_text((repo / result["file"]).read_text(encoding="utf-8")).data["penilaian"]
        feedback = {r["rhk"]: r.get("umpan_balik") for r in rated["hasil_kerja"]}
        for n, p in enumerate(batch):
            if n < n_rhk:
                assert feedback[f"rhk-{n + 1}"] == p
            elif ids[n] == "kt-catatan":
                assert rated["catatan"] == p, (rated.get("catatan"), p)
            else:
                assert behaviour(rated)[ids[n][len("kt-perilaku-"):]] == p
    assert not session.dialogs and not canary and not session.outside(), (session.dialogs, canary, session.outside())


FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return { id: e.id, tag: e.tagName, ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
           shown: r.width > 0 && r.height > 0 && s.visibility !== 'hidden', inEditor: !!e.closest('#kt-editor') };
}"""


def test_isi_skp_by_keyboard_alone_focus_always_visible_and_lands_on_the_summary(session):
    """Tab, Shift+Tab, Space, Enter and arrow keys only: reach every control in order, choose
    the year, perangkat daerah and unit with arrow keys, type the RHK, send with an empty
    required field, and land on the error summary; the focused element always shows a ring."""
    page = session.open("editor/isi-skp/")
    seen = []

    def tab(back: bool = False) -> dict:
        page.keyboard.press("Shift+Tab" if back else "Tab")
        f = page.evaluate(FOCUS)
        assert f is not None
        if f["inEditor"]:
            assert f["ring"] and f["shown"], f
            seen.append(f["id"])
        return f

    for _ in range(80):  # past the header and navigation to the editor's first control
        if tab()["id"] == "kt-tahun":
            break
    assert page.evaluate("document.activeElement.id") == "kt-tahun"
    tab()  # perangkat daerah
    assert seen[-1] == "kt-pd"
    pds = page.evaluate("Array.from(document.querySelectorAll('#kt-pd option'), o => o.value)")
    for _ in range(pds.index("disdik")):
        page.keyboard.press("ArrowDown")
    assert page.locator("#kt-pd").input_value() == "disdik"
    tab()
    units = page.evaluate("Array.from(document.querySelectorAll('#kt-unit option'), o => o.value)")
    for _ in range(units.index("disdik-sdn-12-mb")):
        page.keyboard.press("ArrowDown")
    assert page.locator("#kt-unit").input_value() == "disdik-sdn-12-mb"
    tab()  # the "kepala perangkat daerah" box: Space ticks it, Space again unticks it
    assert seen[-1] == "kt-kepala-pd"
    page.keyboard.press("Space")
    assert page.locator("#kt-kepala-pd").is_checked()
    page.keyboard.press("Space")
    assert not page.locator("#kt-kepala-pd").is_checked()
    tab()
    assert seen[-1] == "kt-atasan"
    page.keyboard.press("ArrowDown")  # the first supervisor
    assert page.locator("#kt-atasan").input_value() != ""
    tab(back=True)  # Shift+Tab goes back to the box
    assert seen[-1] == "kt-kepala-pd"
    tab()
    for _ in range(40):  # on to the first RHK's text
        if tab()["id"] == "kt-rhk-0-uraian":
            break
    page.keyboard.type("Terlaksananya pembelajaran berbasis proyek")
    for _ in range(200):  # on to "Kirim ke GitHub", through every remaining control
        if tab()["id"] == "kt-kirim-tombol":
            break
    assert page.evaluate("document.activeElement.id") == "kt-kirim-tombol"
    page.keyboard.press("Enter")  # required fields are still empty: nothing is sent
    assert not session.github
    f = page.evaluate(FOCUS)
    assert f["id"] == "kt-ringkasan" and f["ring"] and f["shown"], f
    assert "perlu diperbaiki" in page.locator("#kt-ringkasan").inner_text()
    # every kind of control was reached by Tab
    assert {"kt-tahun", "kt-pd", "kt-unit", "kt-atasan", "kt-rhk-0-uraian", "kt-rhk-0-atasan", "kt-rhk-0-iki-0-target", "kt-tambah-rhk"} <= set(seen)
    assert not session.outside()
