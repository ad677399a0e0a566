"""The public pages of complaints and surveys, from a real MkDocs build of the demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))

from sitekit import commit_all, html_pages, mkdocs_build, site_copy  # noqa: E402


def test_service_unit_and_regency_pages(tmp_path):
    repo = site_copy(tmp_path / "repo")
    commit_all(repo)
    build = mkdocs_build(repo, tmp_path / "out", cache=tmp_path / "cache")
    assert build.code == 0, build
    out = build.out
    ktp = (out / "layanan/disdukcapil-bid-dafduk/ktp-el/index.html").read_text(encoding="utf-8")
    # each complaint's public summary, history and tindak lanjut; the survey with its unsur
    assert "Pengaduan 2026-0001" in ktp and "Pengaduan 2026-0002" in ktp and "Pengaduan 2026-0005" in ktp
    assert "Standar pelayanan diperbarui" in ktp and 'href="https://github.com/contoh-pemkab/kinerja/pull/41"' in ktp
    assert "Waktu penyelesaian" in ktp and "IKM" in ktp and "Sampaikan masukan" in ktp
    assert "paling lama 5 hari kerja" in ktp
    # the KTP-el service is answered by a kabid and a front-desk holder, neither a public office
    # nor held by 5 people: their RHK is never shown beside the complaints
    assert "Terlayaninya perekaman dan pencetakan KTP-el di loket depan" not in ktp
    assert "Terselenggaranya pelayanan KTP-el dan Kartu Keluarga" not in ktp
    assert "2 RHK dipegang jabatan" in ktp
    kk = (out / "layanan/disdukcapil-bid-dafduk/kk/index.html").read_text(encoding="utf-8")
    assert "Pengaduan 2026-0003" in kk and "Ditolak" in kk
    unit = (out / "layanan/disdukcapil-bid-dafduk/index.html").read_text(encoding="utf-8")
    assert "Penerbitan Kartu Keluarga" in unit
    index = (out / "layanan/index.html").read_text(encoding="utf-8")
    assert index.index("Perekaman dan pencetakan KTP-el") < index.index("Penerbitan akta kelahiran")  # 1 overdue first
    assert (out / "grafik/layanan").is_dir() and any((out / "grafik/layanan").glob("*.svg"))
    # KTP-el has two surveys: both as tables of their unsur, only the latest (semester 2) also drawn
    assert ktp.count(">Unsur</th>") == 2 and ktp.count("Nilai rata-rata per unsur, survei") >= 2
    assert (out / "grafik/layanan/disdukcapil-bid-dafduk-ktp-el-2026-semester_2.svg").is_file()
    assert not (out / "grafik/layanan/disdukcapil-bid-dafduk-ktp-el-2026-semester_1.svg").exists()
    # open data: complaints with public fields only, surveys; both described in the datapackage
    rows = json.loads((out / "data-terbuka/suara/pengaduan.json").read_text(encoding="utf-8"))
    assert sorted(r["nomor"] for r in rows) == ["2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005"]
    assert all("lapor" not in k for r in rows for k in r)
    dp = json.loads((out / "data-terbuka/datapackage.json").read_text(encoding="utf-8"))
    assert {"suara-pengaduan", "suara-survei"} <= {r["name"] for r in dp["resources"]}
    # the LAPOR tracking ids never reach the site (pages, search index, downloads)
    for p in out.rglob("*"):
        if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".txt"):
            text = p.read_text(encoding="utf-8", errors="replace")
            assert "LPR-7Q2K9X" not in text and "LPR-3M8T1A" not in text, p
    # the unit pages carry each unit's complaint figures (counted by hand from complaints/2026/):
    # dafduk: 0001 selesai within all three deadlines, 0005 selesai but verified after 5 working days
    # (03-08 -> 10-08, limit 3), 0002 open and past its 5-working-day step, 0003 ditolak; tindak lanjut
    # 2 + 1 + 1 (one links its change); capil: 0004 selesai within every deadline, 1 tindak lanjut
    pd_rows = _figure_rows((out / "unit/disdukcapil/index.html").read_text(encoding="utf-8"))
    assert pd_rows == [
        ["Bidang Pelayanan Pencatatan Sipil", "1", "1 dari 1 selesai", "0", "1 (0)"],
        ["Bidang Pelayanan Pendaftaran Penduduk", "4", "1 dari 2 selesai", "1", "4 (1)"],
        ["Jumlah", "5", "2 dari 3 selesai", "1", "5 (1)"],
    ]
    assert _figure_rows((out / "unit/disdukcapil/disdukcapil-bid-capil/index.html").read_text(encoding="utf-8")) == [pd_rows[0]]
    # a service without complaints counts zero; a unit without public services has no such table
    assert _figure_rows((out / "unit/dinkes/index.html").read_text(encoding="utf-8")) == [
        ["UPTD Puskesmas Muara Bulian", "0", "0 dari 0 selesai", "0", "0 (0)"]]
    assert _figure_rows((out / "unit/bkpsdm/index.html").read_text(encoding="utf-8")) is None
    # a service's complaint list is not searched (20,000 complaints made a 26 MB index); the
    # service is found by its name on the unit's pages, and the home page says so
    docs = json.loads((out / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d["location"] for d in docs if d["location"].startswith("layanan/disdukcapil-bid-dafduk/ktp-el/")]
    assert not [d["location"] for d in docs if "Pengaduan 2026-0001" in d["text"] or "Standar pelayanan diperbarui" in d["text"]]
    assert any("Penerbitan Kartu Keluarga" in d["text"] for d in docs if d["location"].startswith("layanan/disdukcapil-bid-dafduk/"))
    assert "isi pengaduan tidak dicari" in (out / "index.html").read_text(encoding="utf-8")
    privasi = (out / "privasi/index.html").read_text(encoding="utf-8")
    assert "SP4N-LAPOR! tidak diterbitkan" in privasi
    assert html_pages(out)


def _figure_rows(page: str):
    """The cells of the unit page's complaint table, as text (None when the page has none)."""
    import html as H
    import re

    m = re.search(r"<caption>Pengaduan masyarakat per unit layanan</caption>(.*?)</table>", page, re.S)
    if m is None:
        return None
    body = m.group(1).split("</thead>", 1)[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [[H.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]
