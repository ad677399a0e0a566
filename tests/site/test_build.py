"""The demo site builds with `mkdocs build --strict` and has the pages, downloads and footer
the issue asks for; the generator runs without MkDocs too; builds are reproducible."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import ROOT, commit_all, git, html_pages, mkdocs_build, site_copy  # noqa: F401

pytestmark = pytest.mark.slow

HEADS = ["bkpsdm-0001", "dinkes-0001", "disdik-0001", "disdukcapil-0001", "kominfo-0001", "setda-0001"]  # heads of perangkat daerah / JPT


def kinerja_site(repo: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kinerja", "site", "--akar", str(repo), "--keluaran", str(out), *extra],
                          capture_output=True, text=True, timeout=600)


def commit_of(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def test_demo_site_has_every_page(demo_site):
    expected = [
        "index.html", "unit/index.html", "metodologi/index.html", "privasi/index.html", "data-terbuka/index.html",
        "panduan/index.html", "pegawai/index.html", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz",
    ]
    expected += ["layanan/index.html", "layanan/disdukcapil-bid-dafduk/ktp-el/index.html"]
    for pd in ("bkpsdm", "dinkes", "disdik", "disdukcapil", "diskominfo", "setda"):
        expected.append(f"unit/{pd}/index.html")
    expected += ["unit/disdik/disdik-sdn-12-mb/index.html", "unit/dinkes/dinkes-pkm-mb/index.html"]
    expected += [f"pegawai/{h}/index.html" for h in HEADS]
    missing = [p for p in expected if not (demo_site / p).is_file()]
    assert not missing, missing
    # by default only holders of a public office have a page
    people = sorted(p.name for p in (demo_site / "pegawai").iterdir() if p.is_dir())
    assert people == HEADS


def test_footer_on_every_page_names_the_commit(demo_repo, demo_site):
    sha = commit_of(demo_repo)[:12]
    pattern = re.compile(r"dibangun dari commit <code>" + sha + r"</code> pada 28 November 2026")
    pages = list(demo_site.rglob("*.html"))
    assert len(pages) > 25
    without = [str(p.relative_to(demo_site)) for p in pages if not pattern.search(p.read_text(encoding="utf-8"))]
    assert not without, without


def test_unit_page_shows_sasaran_cascade_realisasi_distribution_and_complaint_link(demo_site):
    text = (demo_site / "unit/disdik/index.html").read_text(encoding="utf-8")
    assert "Meningkatnya mutu pembelajaran pendidikan dasar" in text  # sasaran
    assert 'class="kt-kaskade"' in text and "Guru Ahli Madya (Kepala Sekolah)" in text  # cascade by jabatan
    assert "Sebaran predikat pegawai 2026" in text and "sebaran-disdik.svg" in text  # group of 10: shown
    assert 'href="https://www.lapor.go.id/" rel="nofollow noopener"' in text  # configurable channel
    assert 'href="disdik.realisasi/#tahun-2026"' in text  # the realisasi table, one click away
    # realisasi against target per IKI per period, with progress bars (CSS classes, no script)
    table = (demo_site / "unit/disdik/disdik-sdn-12-mb.realisasi/index.html").read_text(encoding="utf-8")
    assert "Guru Ahli Pertama (pemegang ke-1)" in table and "TW III" in table
    assert re.search(r'<td class="kt-p\d+">[^<]+ · [0-9,]+%', table)
    assert re.search(r'rel="nofollow noopener">Bukti TW II(\.1)?: [^<]+</a>', table)  # public evidence per period, saying what it is
    # staff appear by jabatan only: no staff name on the unit pages
    for page in [text, table]:
        for name in ("Siti Rahmawati", "Bambang Supriadi", "Yuliana Putri"):
            assert name not in page
    # a small group (Dinas Kesehatan itself: 3 people) has no distribution
    dinkes = (demo_site / "unit/dinkes/index.html").read_text(encoding="utf-8")
    assert "disembunyikan" in dinkes and "sebaran-dinkes.svg" not in dinkes


def test_person_page_of_a_head_without_predikat_by_default(demo_site):
    text = (demo_site / "pegawai/disdik-0001/index.html").read_text(encoding="utf-8")
    assert "Drs. Syamsul Bahri, M.Pd." in text
    assert "Kepala Dinas Pendidikan" in text
    assert "Predikat kinerja" not in text  # the default policy does not publish it


def test_home_page_at_a_glance(demo_site):
    text = (demo_site / "index.html").read_text(encoding="utf-8")
    for phrase in ("Sekilas 2026", "Perangkat daerah", "Rencana disetujui", "Rencana draf", "Evaluasi per periode 2026",
                   "Sebaran predikat terhadap kurva 2026", "Perubahan terbaru", "evaluasi.svg", "sebaran.svg"):
        assert phrase in text, phrase


def test_methodology_shows_the_rule_files(demo_site):
    text = (demo_site / "metodologi/index.html").read_text(encoding="utf-8")
    for phrase in ("Kurang/Misconduct", "Butuh Perbaikan", "Sangat Baik", "150%", "12,5", "Memahami dan memenuhi kebutuhan masyarakat",
                   "lebih dari 50% RHK", "Peraturan Pemerintah Nomor 46 Tahun 2011", "paling banyak 70%"):
        assert phrase in text, phrase


def test_no_third_party_requests_in_pages(demo_site):
    for page in demo_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text):
            for url in re.findall(r'(?:src|href)="([^"]+)"', tag):
                assert not re.match(r"(?i)^(?:https?:)?//", url), (page, tag)


def test_outgoing_links_are_http_and_nofollow(demo_site):
    for page in demo_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<a\b[^>]*>", text):
            href = re.search(r'href="([^"]*)"', tag)
            if href is None:
                continue
            url = href.group(1)
            assert not re.match(r"(?i)^\s*(?:javascript|data|vbscript):", url), (page, tag)
            if re.match(r"(?i)^https?://", url):
                assert 'rel="nofollow noopener"' in tag, (page, tag)


def test_internal_links_resolve(demo_site):
    broken = []
    for page in html_pages(demo_site):
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|src)="([^"#?]+)[^"]*"', text):
            if re.match(r"(?i)^[a-z]+:", url) or url.startswith("//"):
                continue
            target = (page.parent / url).resolve()
            if url.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append((str(page.relative_to(demo_site)), url))
    assert not broken, broken[:20]


def test_downloads_csv_json_schema_and_datapackage(demo_site):
    import jsonschema

    base = demo_site / "data-terbuka"
    package = json.loads((base / "datapackage.json").read_text(encoding="utf-8"))
    schema = json.loads((base / "data.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert package["resources"]
    for res in package["resources"]:
        raw = (base / res["path"]).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), res["path"]  # BOM: spreadsheets read UTF-8
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert rows[0] == [f["name"] for f in res["schema"]["fields"]], res["path"]
        assert all(len(r) == len(rows[0]) for r in rows), res["path"]
    doc = json.loads((base / "2026" / "data.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert doc["rencana"] and doc["realisasi"] and doc["sasaran"] and doc["sebaran_predikat"]
    # the JSON and the CSV come from the same rows
    with open(base / "2026" / "realisasi.csv", encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(doc["realisasi"])
    # the joined table is a CSV/xlsx only: in data.json it would repeat the realisasi rows
    assert "realisasi_lengkap" not in doc and "realisasi_lengkap" not in schema["properties"]
    with open(base / "2026" / "realisasi_lengkap.csv", encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(doc["realisasi"])
    assert "realisasi-lengkap-2026" in {res["name"] for res in package["resources"]}
    # small groups are in the open data as counts of evaluations only
    groups = {(g["unit"], g["periode"]): g for g in doc["kelompok_penilaian"]}
    assert groups[("dinkes", "triwulan_1")]["sebaran_diterbitkan"] is False
    assert not [r for r in doc["sebaran_predikat"] if r["unit"] == "dinkes"]
    text = (base / "index.html").read_text(encoding="utf-8")
    assert "Kamus data" in text and "rencana.csv" in text and "datapackage.json" in text


def test_build_dates_come_from_the_commit(demo_site):
    """SOURCE_DATE_EPOCH is taken from the commit: the gzip header of the sitemap carries the
    commit's day, not the day of the build (the sitemap lists URLs once site_url is set)."""
    import datetime

    raw = (demo_site / "sitemap.xml.gz").read_bytes()
    mtime = int.from_bytes(raw[4:8], "little")
    assert mtime == int(datetime.datetime(2026, 11, 28, tzinfo=datetime.timezone.utc).timestamp())
    xml = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress(raw).decode() == xml
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", xml)) <= {"2026-11-28"}


def test_two_builds_of_one_commit_are_byte_identical(demo_repo, demo_site, tmp_path):
    """Rebuild with a fresh cache (charts and scores computed again) and compare every file."""
    out = tmp_path / "again"
    build = mkdocs_build(demo_repo, out, cache=tmp_path / "cache")
    assert build.code == 0, build
    first = {p.relative_to(demo_site).as_posix(): p.read_bytes() for p in demo_site.rglob("*") if p.is_file()}
    second = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differ = [k for k in first if first[k] != second[k]]
    assert not differ, differ


def test_standalone_generator_writes_the_same_tree(demo_repo, demo_site, tmp_path):
    out = tmp_path / "tree"
    proc = kinerja_site(demo_repo, out, "--navigasi", str(tmp_path / "nav.json"))
    assert proc.returncode == 0, proc.stderr
    files = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    assert "index.md" in files and "unit/disdik/index.md" in files
    for rel in files:
        if rel.endswith(".md"):
            html = rel[:-3] + ".html" if rel.endswith("index.md") else rel[:-3] + "/index.html"
            assert (demo_site / html).is_file(), html
            # The hook lifts each raw HTML block out of Markdown and puts it back verbatim.
            built = (demo_site / html).read_text(encoding="utf-8")
            blocks = [ln for ln in (out / rel).read_text(encoding="utf-8").splitlines() if ln.startswith("<div")]
            assert blocks and all(b in built for b in blocks), html
            assert "KTBLOK" not in built
        else:  # charts and downloads are copied by MkDocs as they are
            assert (demo_site / rel).read_bytes() == (out / rel).read_bytes(), rel
    nav = json.loads((tmp_path / "nav.json").read_text(encoding="utf-8"))
    assert nav[0] == {"Beranda": "index.md"}
    assert any("Panduan" in item for item in nav if isinstance(item, dict))


def test_generated_pages_are_never_in_the_repository():
    proc = subprocess.run(["git", "ls-files", "--error-unmatch", "site"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, f"git ls-files failed (not a checkout?): {proc.stderr}"
    tracked = proc.stdout.split()
    assert "site/panduan/index.md" in tracked or any(p.startswith("site/panduan/") for p in tracked), tracked[:5]
    generated = [p for p in tracked if re.match(r"site/(index\.md|unit/|pegawai/|grafik/|data-terbuka/|metodologi\.md|privasi\.md)", p)]
    assert not generated, generated
    assert "/public/" in (ROOT / ".gitignore").read_text()


def test_mkdocs_configuration_is_safe():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("tag:yaml.org,2002:python/name:", lambda *a: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    exts = [e if isinstance(e, str) else next(iter(e)) for e in config.get("markdown_extensions", [])]
    for forbidden in ("pymdownx.snippets", "pymdownx.magiclink", "attr_list", "md_in_html", "macros", "pymdownx.emoji"):
        assert forbidden not in exts
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins", [])]
    assert "macros" not in plugins
    assert config["theme"]["language"] == "id" and config["theme"]["font"] is False
    assert "navigation.prune" in config["theme"]["features"]
    assert config["docs_dir"] == "site" and config["site_dir"] == "public"


def test_policy_change_changes_the_output_without_code_changes(tmp_path):
    repo = site_copy(tmp_path / "repo")
    out1, out2 = tmp_path / "default", tmp_path / "everyone"
    assert kinerja_site(repo, out1).returncode == 0
    policy = repo / "organisation" / "publikasi.yml"
    text = policy.read_text(encoding="utf-8")
    text = text.replace("halaman: pejabat_publik ", "halaman: semua ").replace("predikat: false", "predikat: true")
    policy.write_text(text, encoding="utf-8")
    proc = kinerja_site(repo, out2)
    assert proc.returncode == 0, proc.stderr
    assert not (out1 / "pegawai" / "disdik-0042.md").exists()
    page = (out2 / "pegawai" / "disdik-0042.md").read_text(encoding="utf-8")
    assert "Siti Rahmawati" in page and "Predikat kinerja" in page
    rows = (out2 / "data-terbuka" / "2026" / "pegawai.csv").read_text(encoding="utf-8-sig")
    assert "disdik-0042" in rows and "Sangat Baik" in rows
    assert "disdik-0042" not in (out1 / "data-terbuka" / "2026" / "pegawai.csv").read_text(encoding="utf-8-sig")


def test_methodology_follows_the_rule_file(tmp_path):
    repo = site_copy(tmp_path / "repo")
    rules = repo / "rules" / "permenpanrb-6-2022.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("sangat_baik: 150", "sangat_baik: 175"), encoding="utf-8")
    out = tmp_path / "tree"
    assert kinerja_site(repo, out).returncode == 0
    text = (out / "metodologi.md").read_text(encoding="utf-8")
    assert "175%" in text and "150%" not in text


def test_invalid_policy_stops_the_build(tmp_path):
    repo = site_copy(tmp_path / "repo")
    policy = repo / "organisation" / "publikasi.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("halaman: pejabat_publik ", "halaman: everyone "), encoding="utf-8")
    build = mkdocs_build(repo, tmp_path / "public")
    assert build.code != 0
    assert "Kebijakan publikasi tidak sah" in build.log and "everyone" in build.log
    assert not (tmp_path / "public" / "index.html").exists()


def test_data_errors_fail_a_strict_build(tmp_path):
    repo = site_copy(tmp_path / "repo")
    victim = repo / "evaluations/2026/triwulan_1/disdik-0042.yml"
    victim.write_text(victim.read_text(encoding="utf-8").replace("status: final", "status: selesai"), encoding="utf-8")
    build = mkdocs_build(repo, tmp_path / "public")
    assert build.code != 0
    assert "berkas data memuat kesalahan" in build.log and "disdik-0042.yml" in build.log


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_symlink_under_site_is_refused(tmp_path, kind):
    repo = site_copy(tmp_path / "repo")
    if kind == "file":
        os.symlink(repo / "organisation" / "people" / "disdik-0042.yml", repo / "site" / "bocor.md")
    else:
        os.symlink(repo / "organisation", repo / "site" / "bocor")
    build = mkdocs_build(repo, tmp_path / "public")
    assert build.code != 0
    assert "symlink" in build.log
    leaked = [p for p in (tmp_path / "public").rglob("*") if p.is_file() and b"199207232019032011" in p.read_bytes()] if (tmp_path / "public").exists() else []
    assert not leaked


def test_symlinked_data_file_is_refused(tmp_path):
    repo = site_copy(tmp_path / "repo")
    secret = tmp_path / "rahasia.yml"
    target = repo / "plans" / "2026" / "disdik-0042.yml"
    secret.write_text(target.read_text(encoding="utf-8").replace("Kelas Literasi Sungai", "RAHASIA-DI-LUAR-REPO"), encoding="utf-8")
    target.unlink()
    os.symlink(secret, target)
    build = mkdocs_build(repo, tmp_path / "public")
    assert build.code != 0
    assert "symlink" in build.log and "plans/2026/disdik-0042.yml" in build.log
    if (tmp_path / "public").exists():
        assert not [p for p in (tmp_path / "public").rglob("*") if p.is_file() and b"RAHASIA-DI-LUAR-REPO" in p.read_bytes()]


def test_new_guides_appear_in_the_navigation_without_configuration(tmp_path):
    repo = site_copy(tmp_path / "repo")
    (repo / "site" / "panduan" / "menyusun-skp.md").write_text("# Menyusun SKP\n\nIsi panduan.\n", encoding="utf-8")
    proc = kinerja_site(repo, tmp_path / "tree", "--navigasi", str(tmp_path / "nav.json"))
    assert proc.returncode == 0, proc.stderr
    nav = json.loads((tmp_path / "nav.json").read_text(encoding="utf-8"))
    guides = next(item["Panduan"] for item in nav if isinstance(item, dict) and "Panduan" in item)
    assert guides[0] == "panduan/index.md"
    assert "panduan/menyusun-skp.md" in guides and guides == guides[:1] + sorted(guides[1:])


def test_mkdocs_serve_rebuilds_when_a_yaml_file_changes(tmp_path):
    import socket
    import time
    import urllib.request

    repo = site_copy(tmp_path / "repo")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def fetch(path):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
            return r.read().decode("utf-8")

    def wait_for(path, text, limit=120):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                if text in fetch(path):
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert wait_for("unit/disdik/", "Dinas Pendidikan")
        unit = repo / "organisation" / "units" / "disdik.yml"
        unit.write_text(unit.read_text(encoding="utf-8").replace('nama: "Dinas Pendidikan"', 'nama: "Dinas Pendidikan dan Kebudayaan"'), encoding="utf-8")
        assert wait_for("unit/disdik/", "Dinas Pendidikan dan Kebudayaan"), "mkdocs serve did not rebuild after the YAML change"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_site_command_never_overwrites(demo_repo, tmp_path):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "catatan.txt").write_text("milik pengguna", encoding="utf-8")
    nav = tmp_path / "nav.json"
    nav.write_text("punya pengguna", encoding="utf-8")
    refused = kinerja_site(demo_repo, taken)
    assert refused.returncode == 2 and "sudah ada dan tidak kosong" in refused.stderr
    assert [p.name for p in taken.iterdir()] == ["catatan.txt"]
    refused = kinerja_site(demo_repo, tmp_path / "baru", "--navigasi", str(nav))
    assert refused.returncode == 2 and "tidak ditimpa" in refused.stderr and "Traceback" not in refused.stderr
    assert nav.read_text(encoding="utf-8") == "punya pengguna" and not (tmp_path / "baru").exists()
    # an empty folder is filled; nothing half-written is left beside it
    empty = tmp_path / "kosong"
    empty.mkdir()
    assert kinerja_site(demo_repo, empty).returncode == 0 and (empty / "index.md").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kosong", "nav.json", "taken"]


def test_search_index_separates_cells_and_finds_the_abbreviation(demo_site):
    """Table cells are separate words in the search index (no "JenisPuskesmas"), so a unit's
    abbreviation is a word of its own: "Disdik" finds Dinas Pendidikan."""
    docs = json.loads((demo_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    unit = next(d for d in docs if d["location"] == "unit/disdik/")
    words = re.findall(r"[A-Za-z]+", unit["text"])
    assert "Disdik" in words and "Singkatan" in words, unit["text"][:300]
    pkm = " ".join(d["text"] for d in docs if d["location"].startswith("unit/dinkes/dinkes-pkm-mb/"))
    assert "Puskesmas" in re.findall(r"[A-Za-z]+", pkm) and "JenisPuskesmas" not in pkm
    glued = [d["location"] for d in docs if re.search(r"[a-z](?:Target|Jenis|Singkatan|Kepala)\b", d["text"])]
    assert not glued, glued


def iki_columns(page: str) -> dict[str, dict[str, list[str]]]:
    """The realisasi tables' IKI rows as {column header: {cell text before " ·"/"<": [cell html, ...]}}
    (cells by position under each table's header row; the evidence cell is on a jabatan's first row only)."""
    out: dict[str, dict[str, list[str]]] = {}
    for table in re.findall(r"<table[^>]*>.*?</table>", page, re.S):
        headers = re.findall(r'<th scope="col">([^<]+)</th>', table)
        for row in re.findall(r"<tr(?: data-search-exclude)?>(.*?)</tr>", table):
            for h, html in zip(headers, re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)):
                out.setdefault(h, {}).setdefault(re.split(r" <|<", html)[0], []).append(html)
    return out


def test_realisasi_cells_carry_a_status_in_words_and_a_symbol(demo_site):
    """SD Negeri 12, Guru Ahli Madya: literasi target 70%, realisasi 58/63/68% -> capaian 82,9/90,0/97,1%;
    kelas proyek target 6, realisasi 2/4/6 -> 33,3/66,7/100%. Literasi is per_periode: judged against the full
    target (>= 100 tercapai, >= 90 sesuai jalur); kelas proyek is kumulatif: TW I expects 1/4 of the target, and
    33,3% is 133% of that (sesuai jalur, not yet tercapai)."""
    page = (demo_site / "unit/disdik/disdik-sdn-12-mb.realisasi/index.html").read_text(encoding="utf-8")

    columns = iki_columns(page)

    def cell(period, text, status):
        return any(re.fullmatch(rf'{re.escape(text)} <span class="kt-status kt-status-{status}">[^<]+</span>', html)
                   for html in columns[period].get(text, []))

    assert cell("TW I", "58% · 82,9%", "perlu_perhatian")
    assert cell("TW II", "63% · 90,0%", "sesuai_jalur")
    assert cell("TW III", "68% · 97,1%", "sesuai_jalur")
    assert cell("TW I", "2 kelas · 33,3%", "sesuai_jalur")
    assert cell("TW III", "6 kelas · 100,0%", "tercapai")
    assert "✔ Tercapai" in page and "◐ Sesuai jalur" in page and "⚠ Perlu perhatian" in page  # words and a symbol


def test_department_page_shows_each_sasaran_with_its_status_and_who_answers(demo_site):
    text = (demo_site / "unit/disdik/index.html").read_text(encoding="utf-8")
    goals = text[text.index('class="kt-sasaran-daftar"'):]
    goals = goals[: goals.index("</ol>")]
    assert goals.count("Penanggung jawab: Kepala Dinas Pendidikan") == 2
    assert "Triwulan III: " in re.sub(r"<[^>]+>", "", goals)
    assert re.search(r'class="kt-status">(✔ Tercapai|◐ Sesuai jalur|⚠ Perlu perhatian|– Belum ada data)</span>', goals)


def test_home_page_leads_with_what_each_department_promised(demo_site):
    text = (demo_site / "index.html").read_text(encoding="utf-8")
    text = text[text.index("<article"):]
    assert text.index("Janji dan capaian setiap perangkat daerah") < text.index("Sekilas 2026")
    row = re.search(r"Dinas Pendidikan</a></th> <td[^>]*>2</td> <td[^>]*>Triwulan III: [^<]*✔ Tercapai \d+", text)
    assert row, "the home page table names Dinas Pendidikan's sasaran and its IKI by status"
    assert "Pencarian (ikon kaca pembesar di atas) mencakup" in text  # what the search covers


def test_methodology_names_statuses_and_ratings_as_users_and_yaml_write_them(demo_site):
    text = (demo_site / "metodologi/index.html").read_text(encoding="utf-8")
    assert "Status IKI di situs ini" in text
    for label, code in (("Tercapai", "tercapai"), ("Sesuai jalur", "sesuai_jalur"), ("Perlu perhatian", "perlu_perhatian"),
                        ("Belum ada data", "belum_ada_data"), ("Di Atas Ekspektasi", "di_atas_ekspektasi"), ("Sangat Baik", "sangat_baik")):
        assert re.search(rf"{label}</t[dh]> <td[^>]*><code>{code}</code>", text), label
    assert "ketentuan ini belum dipastikan dari sumber resmi dan dapat diubah pengelola" in text
    assert "dianggap kumulatif" in text
    toc = text[text.index('aria-label="Daftar isi"'):]
    assert 'href="#status-iki-di-situs-ini"' in toc and 'href="#aturan-permenpanrb-6-2022"' in toc  # a usable table of contents


def test_status_threshold_comes_from_the_rule_file(tmp_path):
    """Raise the threshold from 90 to 98: 97,1% (TW III, literasi) is no longer on track."""
    repo = site_copy(tmp_path / "repo")
    rules = repo / "rules" / "permenpanrb-6-2022.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("ambang_sesuai_jalur: 90", "ambang_sesuai_jalur: 98"), encoding="utf-8")
    out = tmp_path / "tree"
    proc = kinerja_site(repo, out)
    assert proc.returncode == 0, proc.stderr
    page = (out / "unit/disdik/disdik-sdn-12-mb.realisasi.md").read_text(encoding="utf-8")
    assert re.search(r'68% · 97,1% <span class="kt-status kt-status-perlu_perhatian">', page)
    assert "sedikitnya 98% dari kemajuan yang diharapkan" in (out / "metodologi.md").read_text(encoding="utf-8")


def test_open_data_has_one_denormalised_table_with_status(demo_site):
    base = demo_site / "data-terbuka" / "2026"
    with open(base / "realisasi_lengkap.csv", encoding="utf-8-sig", newline="") as fh:
        full = list(csv.DictReader(fh))
    with open(base / "realisasi.csv", encoding="utf-8-sig", newline="") as fh:
        plain = list(csv.DictReader(fh))
    assert len(full) == len(plain) and {r["status"] for r in plain} <= {"tercapai", "sesuai_jalur", "perlu_perhatian", "belum_ada_data"}
    # SD Negeri 12, literasi: target 70%, TW III realisasi 68 -> 97,1% -> on track (>= 90% of the full target)
    row = next(r for r in full if r["unit"] == "disdik-sdn-12-mb" and r["periode"] == "triwulan_3"
               and r["iki_uraian"] == "Persentase siswa yang mencapai kompetensi minimum literasi")
    assert (row["jabatan"], row["target"], row["realisasi"], row["capaian_persen"], row["status"], row["jenis_realisasi"]) == (
        "Guru Ahli Madya (Kepala Sekolah)", "70%", "68", "97.1", "sesuai_jalur", "per_periode")
    assert row["unit_nama"] == "SD Negeri 12 Muara Bulian" and row["rhk_uraian"]


def test_home_page_says_where_complaints_are_overdue(demo_site):
    """The demo's only open complaint (2026-0002, Disdukcapil, still dalam_proses) is past its
    5-working-day step (validate warns suara-overdue): Disdukcapil's row says 1 of 1."""
    text = (demo_site / "index.html").read_text(encoding="utf-8")
    table = text[text.index("Janji dan capaian setiap perangkat daerah"):]
    table = table[:table.index("</table>")]
    assert "Pengaduan melewati tenggat" in table
    row = re.search(r'<tr><th scope="row"[^>]*><a href="unit/disdukcapil/">.*?</tr>', table, re.S).group()
    assert "1 dari 1 pengaduan terbuka melewati tenggat" in row
    dinkes = re.search(r'<tr><th scope="row"[^>]*><a href="unit/dinkes/">.*?</tr>', table, re.S).group()
    assert "tidak ada yang melewati tenggat (0 terbuka)" in dinkes  # the puskesmas has services, no open complaint
