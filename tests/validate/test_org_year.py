"""A head's transfer run by an admin with the tools only (issue 9, "Done when"), in real git history.

The admin of BKPSDM exports the staff table, records in the spreadsheet that the head of SD
Negeri 12 (disdik-0040) leaves on 14 August 2026 and that a new head (disdik-0046) starts on
15 August, imports it, scaffolds the new head's plan with `kinerja new --unit`, and relinks
every teacher with one `kinerja relink --unit`. No subordinate's file is edited by hand; every
step says what it did and what it left out.
"""

from __future__ import annotations

import csv
import io

import yaml
from kthelpers import git, run_kinerja
from vhelpers import check, of_code

from kinerja.findings import ERROR

UNIT = "disdik-sdn-12-mb"
TEACHERS = ("disdik-0042", "disdik-0043", "disdik-0044", "disdik-0045")


def _k(repo, *args):
    result = run_kinerja(*args, "--akar", str(repo), cwd=repo)
    assert result.code == 0, result
    return result


def _changed(repo, since):
    return sorted(git(repo, "diff", "--name-only", since, "HEAD").split())


def _commit(repo, message):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def _spreadsheet_edit(path):
    """What the admin does in the spreadsheet: end the old head's row, add the new head's row."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    [old] = [r for r in rows if r["id_pegawai"] == "disdik-0040"]
    assert old["kepala_unit"] == "ya" and old["unit"] == UNIT
    new = dict(old, id_pegawai="disdik-0046", nama="Drs. Bahtiar Lubis (fiktif)", github_login="kt-uji-kepsek-baru",
               github_id="93000046", mulai="2026-08-15", selesai="", nip="", dasar="")
    old["selesai"] = "2026-08-14"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([*rows, new])


def test_a_head_transfer_through_the_tools_only(demo_git, tmp_path):
    repo = demo_git
    start = git(repo, "rev-parse", "HEAD").strip()
    people, units = tmp_path / "pegawai.csv", tmp_path / "unit.csv"
    _k(repo, "export", "--ke", str(people))
    _k(repo, "export", "--ke", str(units), "--tabel", "unit")
    _spreadsheet_edit(people)

    # 1. import: a dry run first, then --tulis; only the two heads' files change
    dry = _k(repo, "import", "--dari", str(people), "--dari", str(units))
    assert "disdik-0046" in dry.out and "disdik-0040" in dry.out
    assert git(repo, "status", "--porcelain") == ""  # nothing written without --tulis
    _k(repo, "import", "--dari", str(people), "--dari", str(units), "--tulis")
    after_import = _commit(repo, "Kepala SD Negeri 12 berganti mulai 15 Agustus 2026")
    assert _changed(repo, start) == ["organisation/people/disdik-0040.yml", "organisation/people/disdik-0046.yml"]
    person = yaml.safe_load((repo / "organisation/people/disdik-0040.yml").read_text(encoding="utf-8"))
    assert str(person["penugasan"][-1]["selesai"]) == "2026-08-14"

    # 2. the new head's plan: `kinerja new --unit` names who got one, who had one, who was skipped
    made = _k(repo, "new", "--unit", UNIT, "--tahun", "2026").out
    assert "Dibuat (1):\n  plans/2026/disdik-0046.yml (disdik-0046, " in made and "2026-08-15 s.d. 2026-12-31)" in made
    assert "Sudah punya rencana (5):" in made and "Dilewati (0):" in made
    for teacher in TEACHERS:
        assert f"  {teacher}: plans/2026/{teacher}.yml sudah ada" in made
    _commit(repo, "Rencana kepala sekolah baru")

    # 3. every teacher's plan still intervenes in the former head's RHK: a finding each, naming him
    findings = check(repo)
    for teacher in TEACHERS:
        flagged = of_code(findings, "cascade-supervisor-changed", f"plans/2026/{teacher}.yml")
        assert flagged and all("disdik-0046" in f.message for f in flagged), teacher

    # 4. one relink for the unit: a proposal first, then --tulis
    before_relink = git(repo, "rev-parse", "HEAD").strip()
    proposal = _k(repo, "relink", "--unit", UNIT, "--tahun", "2026").out
    assert git(repo, "status", "--porcelain") == ""
    for teacher in TEACHERS:
        assert f"== plans/2026/{teacher}.yml" in proposal
    # the former head's plan ends with his position; the new head's own plan needs nothing
    assert "== plans/2026/disdik-0040.yml\n  periode.selesai 2026-12-31 → 2026-08-14" in proposal
    assert "Tidak perlu ditautkan ulang (1): disdik-0046" in proposal
    assert "Belum punya rencana tahun 2026, dilewati (0): —" in proposal
    assert "Ini usulan saja; jalankan lagi dengan --tulis untuk menulisnya." in proposal
    _k(repo, "relink", "--unit", UNIT, "--tahun", "2026", "--tulis")
    _commit(repo, "Tautkan ulang RHK guru SD Negeri 12 ke kepala sekolah baru")
    assert _changed(repo, before_relink) == [f"plans/2026/{t}.yml" for t in ("disdik-0040", *TEACHERS)]
    assert not [c for c in _changed(repo, after_import) if c.startswith("organisation/")]
    for teacher in TEACHERS:
        plan = yaml.safe_load((repo / f"plans/2026/{teacher}.yml").read_text(encoding="utf-8"))
        assert plan["status"] == "draf"  # relinked: the new penilai approves it again
        links = [r.get("intervensi") for r in plan["hasil_kerja"] if "berlaku_sampai" not in r]
        assert links and all(link.startswith("disdik-0046/") for link in links), (teacher, links)

    # 5. what is left is said: no cascade finding, and the open period's evaluations by the
    #    former head are errors naming both people (the penilai at the period's end rates it)
    findings = check(repo)
    assert not of_code(findings, "cascade-supervisor-changed")
    for teacher in TEACHERS:
        [f] = of_code(findings, "eval-penilai", f"evaluations/2026/triwulan_3/{teacher}.yml")
        assert f.severity == ERROR and "disdik-0040" in f.message and "disdik-0046" in f.message
    assert not [f for f in findings if f.severity == ERROR and f.file.startswith(("organisation/", "plans/"))], \
        [(f.file, f.code, f.message) for f in findings if f.severity == ERROR]
