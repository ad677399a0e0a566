"""`kinerja new`: plan skeletons that validate, never overwrite, and cannot be injected."""

from __future__ import annotations

import pytest
from kthelpers import run_kinerja
from vhelpers import check, describe, exit_code, write

from kinerja.findings import ERROR
from kinerja.loader import load_bytes

SCHEMA_HEADER = "# yaml-language-server: $schema=../../schemas/plan.schema.json"
BERAKHLAK = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")


def _supervisor_plan_2027(root, uraian_line: str = None) -> None:
    """The head of SD Negeri 12 already has a (draft) 2027 plan: a copy of her 2026 plan."""
    text = (root / "plans/2026/disdik-0040.yml").read_text(encoding="utf-8")
    text = text.replace("tahun: 2026", "tahun: 2027").replace("2026-01-01", "2027-01-01").replace("2026-12-31", "2027-12-31")
    text = text.replace("status: disetujui", "status: draf")
    if uraian_line is not None:
        old = '    uraian: "Meningkatnya capaian literasi siswa SD Negeri 12 Muara Bulian"'
        assert text.count(old) == 1
        text = text.replace(old, uraian_line)
    write(root, "plans/2027/disdik-0040.yml", text)


def _section(out: str, title: str) -> list[str]:
    """The lines under one heading of `kinerja new`'s report ("Dibuat (n):" ...)."""
    lines, inside = [], False
    for line in out.splitlines():
        if not line.startswith("  "):
            inside = line.startswith(title + " (")
            if inside:
                count = int(line[len(title) + 2 : line.index(")")])
            continue
        if inside:
            lines.append(line[2:])
    assert out.count(title + " (") == 1 and len(lines) == count, out
    return lines


def _new(root, *args):
    return run_kinerja("new", "--akar", str(root), *args, cwd=root)


def _assert_valid_scaffold(root, rel: str) -> str:
    text = (root / rel).read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_HEADER + "\n")
    data = load_bytes(text.encode()).data  # the strict loader reads it
    assert data["status"] == "draf"
    assert sorted(data["perilaku_kerja"]) == sorted(BERAKHLAK)
    for value in BERAKHLAK:  # each value with its behaviour guides, as comments
        assert any(line.strip().startswith("# ") and ";" in line for line in text.splitlines() if value.replace("_", " ") in line.lower())
    findings = [f for f in check(root) if f.file == rel]
    assert not [f for f in findings if f.severity == ERROR], describe(findings)
    return text


def test_one_person_with_the_supervisors_rhk_as_options(demo):
    _supervisor_plan_2027(demo)
    result = _new(demo, "--pegawai", "disdik-0042", "--tahun", "2027")
    assert result.code == 0, result
    assert _section(result.out, "Dibuat") == ["plans/2027/disdik-0042.yml (disdik-0042, jabatan Guru Ahli Pertama, 2027-01-01 s.d. 2027-12-31)"]
    text = _assert_valid_scaffold(demo, "plans/2027/disdik-0042.yml")
    assert "# Pilih RHK atasan (disdik-0040) yang didukung RHK ini:" in text
    assert "#   disdik-0040/rhk-1: Meningkatnya capaian literasi siswa SD Negeri 12 Muara Bulian" in text
    assert "    intervensi: disdik-0040/rhk-1\n" in text
    assert "Siti Rahmawati" in text.splitlines()[1]
    assert exit_code(check(demo)) == 0, describe(check(demo))


def test_a_whole_unit(demo):
    result = _new(demo, "--unit", "disdik", "--tahun", "2027")
    assert result.code == 0, result
    created = sorted(line.split(" ")[0] for line in _section(result.out, "Dibuat"))
    # everyone in Dinas Pendidikan on 1 January 2027, including the transfer from Diskominfo
    assert created == sorted(
        f"plans/2027/{p}.yml"
        for p in ("disdik-0001", "disdik-0002", "disdik-0005", "disdik-0007", "disdik-0008", "disdik-0040",
                  "disdik-0042", "disdik-0043", "disdik-0044", "disdik-0045", "kominfo-0031")
    )
    for rel in created:
        _assert_valid_scaffold(demo, rel)
    head = (demo / "plans/2027/disdik-0001.yml").read_text(encoding="utf-8")
    assert "sasaran: ss-1" in head and "perspektif: penerima_layanan" in head  # a JPT links to sasaran
    findings = check(demo)
    assert exit_code(findings) == 0, describe(findings)  # only warnings (pending sasaran 2027)


def test_running_again_never_overwrites(demo):
    assert _new(demo, "--pegawai", "disdik-0042", "--tahun", "2027").code == 0
    path = demo / "plans/2027/disdik-0042.yml"
    path.write_text(path.read_text(encoding="utf-8") + "catatan: \"sudah diisi pegawai\"\n", encoding="utf-8")
    before = path.read_bytes()
    again = _new(demo, "--pegawai", "disdik-0042", "--tahun", "2027")
    assert again.code == 1, again  # one named person and nothing written
    assert _section(again.out, "Sudah punya rencana") == [
        "disdik-0042: plans/2027/disdik-0042.yml sudah ada (tidak ditimpa; jabatan Guru Ahli Pertama, mulai 2027-01-01)."]
    assert path.read_bytes() == before
    # nor a plan of the demo year
    demo_plan = (demo / "plans/2026/disdik-0042.yml").read_bytes()
    assert _new(demo, "--pegawai", "disdik-0042", "--tahun", "2026").code == 1
    assert (demo / "plans/2026/disdik-0042.yml").read_bytes() == demo_plan
    assert not [p for p in (demo / "plans").rglob("*") if p.name.startswith(".tmp-")]  # no temp files left


@pytest.mark.parametrize(
    "uraian",
    [
        '    uraian: "x\\n  evil: true\\nstatus: disetujui"',
        '    uraian: "x\\r    intervensi: pemda-0001/rhk-1"',
        "    uraian: 'a # b: c'",
    ],
    ids=["line-feed", "carriage-return", "hash-and-colon"],
)
def test_hostile_supervisor_text_stays_inside_a_comment(demo, uraian):
    _supervisor_plan_2027(demo, uraian)
    assert not [f for f in check(demo, ["plans/2027/disdik-0040.yml"]) if f.severity == ERROR]  # the supervisor's plan is valid
    assert _new(demo, "--pegawai", "disdik-0042", "--tahun", "2027").code == 0
    text = _assert_valid_scaffold(demo, "plans/2027/disdik-0042.yml")
    data = load_bytes(text.encode()).data
    assert "evil" not in text or all(line.lstrip().startswith("#") for line in text.splitlines() if "evil" in line)
    assert set(data) == {"versi_format", "pegawai", "tahun", "periode", "jabatan", "unit", "status", "pendekatan",
                         "hasil_kerja", "perilaku_kerja", "lampiran"}
    assert data["status"] == "draf"
    assert [r.get("intervensi") for r in data["hasil_kerja"]] == ["disdik-0040/rhk-1"]


def test_hostile_name_stays_inside_the_header_comment(demo):
    rel = "organisation/people/disdik-0042.yml"
    text = (demo / rel).read_text(encoding="utf-8")
    (demo / rel).write_text(text.replace('nama: "Siti Rahmawati, S.Pd."', 'nama: "Siti\\nstatus: disetujui\\n# "'), encoding="utf-8")
    assert _new(demo, "--pegawai", "disdik-0042", "--tahun", "2027").code == 0
    data = load_bytes((demo / "plans/2027/disdik-0042.yml").read_bytes()).data
    assert data["status"] == "draf"
