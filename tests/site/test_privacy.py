"""No personal data in any built file: pages, search index, sitemap, charts and downloads.

Checked on the demo site (default policy) and on the payload site (a policy that publishes
everything that may be published, with a PRIVAT-<n> marker in every private field)."""

from __future__ import annotations

import gzip
import html
import io
import json
import re
from pathlib import Path

import pytest

from kinerja.loader import load_bytes
from sitekit import ROOT

pytestmark = pytest.mark.slow

EIGHTEEN_DIGITS = re.compile(r"(?<![A-Za-z0-9])[0-9]{18}(?![A-Za-z0-9])")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember")
PRIVATE_KEYS = {"umpan_balik", "catatan", "kendala", "alasan"}


def built_texts(site: Path):
    """(path, text) for every built file; JSON decoded to its strings, HTML unescaped, gzip opened."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        if path.suffix == ".xlsx":  # a zip: read every cell of every sheet back
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(raw), read_only=True)
            raw = "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
                             if v is not None).encode("utf-8")
        text = raw.decode("utf-8", "ignore")
        variants = [text, html.unescape(text)]
        if path.suffix == ".json":
            strings = []

            def walk(node):
                if isinstance(node, str):
                    strings.append(node)
                elif isinstance(node, dict):
                    for k, v in node.items():
                        strings.append(k)
                        walk(v)
                elif isinstance(node, list):
                    for v in node:
                        walk(v)

            walk(json.loads(text))
            variants.append("\n".join(strings))
            variants.append(html.unescape("\n".join(strings)))
        yield path.relative_to(site).as_posix(), "\n".join(variants)


def demo_documents():
    for path in sorted((ROOT / "organisation").rglob("*.yml")) + sorted((ROOT / "evaluations").rglob("*.yml")) + sorted((ROOT / "plans").rglob("*.yml")):
        yield path, load_bytes(path.read_bytes()).data


def private_texts() -> list[str]:
    out = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in PRIVATE_KEYS and len(node) > 12:
            out.append(node)

    for _path, data in demo_documents():
        walk(data)
    return out


def hidden_evidence() -> list[str]:
    out = []
    for _path, data in demo_documents():
        for report in ((data.get("realisasi") or {}).get("hasil_kerja", []) if isinstance(data, dict) else []):
            for b in report.get("bukti_dukung", []):
                if not b["publik"]:
                    out.append(b["url"])
    return out


def birth_dates() -> list[str]:
    out = []
    for _path, data in demo_documents():
        nip = data.get("nip") if isinstance(data, dict) else None
        if not nip:
            continue
        y, m, d = nip[0:4], nip[4:6], nip[6:8]
        out += [f"{y}-{m}-{d}", f"{d}-{m}-{y}", f"{d}/{m}/{y}", f"{d}.{m}.{y}", f"{y}{m}{d}", f"{int(d)} {MONTHS[int(m) - 1]} {y}",
                f"{d} {MONTHS[int(m) - 1]} {y}"]
    return out


def test_the_demo_data_has_what_these_tests_look_for():
    assert len(private_texts()) > 50  # umpan balik, catatan, kendala
    assert hidden_evidence()  # at least one evidence link not marked public
    assert len(birth_dates()) >= 3 * 7  # three demo people carry a (fictitious) NIP


@pytest.mark.parametrize("which", ["demo_site", "xss_site"])
def test_no_personal_data_in_any_built_file(which, request):
    site = request.getfixturevalue(which)
    private = private_texts() if which == "demo_site" else []
    evidence = hidden_evidence() if which == "demo_site" else []
    dates = birth_dates()
    problems = []
    checked = set()
    for rel, text in built_texts(site):
        checked.add(rel)
        for m in EIGHTEEN_DIGITS.finditer(text):
            problems.append((rel, "18 angka", m.group()))
        for d in dates:
            # the substring test first (fast); the digit boundaries only where the date occurs
            if d in text and re.search(r"(?<![0-9])" + re.escape(d) + r"(?![0-9])", text):
                problems.append((rel, "tanggal lahir", d))
        for t in private:
            if t in text:
                problems.append((rel, "teks privat", t[:60]))
        for url in evidence:
            if url in text:
                problems.append((rel, "bukti tidak publik", url))
        if which == "xss_site" and "PRIVAT-" in text:
            problems.append((rel, "penanda privat", text[text.index("PRIVAT-"):][:20]))
    assert {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "data-terbuka/2026/data.json",
            "data-terbuka/2026/rencana.csv", "data-terbuka/2026/rencana.xlsx", "data-terbuka/2026/pegawai.xlsx", "index.html"} <= checked
    assert not problems, problems[:20]


def test_xss_site_publishes_everything_public_yet_no_private_marker(xss_repo, xss_site):
    _repo, stats = xss_repo
    assert len(stats["private"]) > 100  # markers really were planted in private fields
    people = sorted(p.name for p in (xss_site / "pegawai").iterdir() if p.is_dir())
    assert len(people) >= 30  # every person with a plan has a page under this policy
