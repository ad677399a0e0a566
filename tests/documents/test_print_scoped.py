"""`kinerja print --pegawai` reads one person's files only (documents/scoped.py): its documents,
refusals and messages are the same as the whole-repository path's, byte for byte.

Both paths run in this process on the same real git repository (the demo, committed): the
whole-repository path is load_repository + run_checks + every subject, as `--semua` does; the
scoped path is the one `--pegawai` takes. Every person of the demo is compared, then the
repository is changed in the ways the scope must notice: an uncommitted supervisor plan, a
committed error in the penilai's person file, a new head of unit (the cached heads index).
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from kthelpers import copy_demo, git, run_kinerja

PERSON = "dinkes-0020"  # fungsional nurse: SKP, evaluations, annual document, angka kredit
KINDS = {"skp", "evaluasi", "dokumen_evaluasi", "angka_kredit", "keputusan_keberatan"}


def _commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    subprocess.run(
        ["git", "commit", "-q", "-m", message], cwd=repo, check=True,
        env={"GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.invalid", "GIT_COMMITTER_NAME": "Uji",
             "GIT_COMMITTER_EMAIL": "uji@example.invalid", "GIT_AUTHOR_DATE": "2026-11-28T08:00:00+07:00",
             "GIT_COMMITTER_DATE": "2026-11-28T08:00:00+07:00", "PATH": "/usr/bin:/bin"},
    )


def _outcome(o) -> tuple:
    return (o.label, o.state, o.message, o.relpath, o.pdf, tuple(sorted(o.missing)))


def whole_by_person(repo: Path, people: set[str] | None = None) -> dict[str, list[tuple]]:
    """Each person's outcomes through the whole-repository path (what --semua/--unit run), in
    the order `kinerja print` makes them."""
    from kinerja.documents import subjects
    from kinerja.documents.batch import make_all
    from kinerja.documents.gitfacts import GitFacts
    from kinerja.repository import load_repository
    from kinerja.validate import run_checks

    r = load_repository(repo)
    facts = GitFacts(repo)
    broken = {f.file for f in run_checks(r, today=None) if f.severity == "error"}
    jobs = [(k, rel) for k, rel, _ in subjects(r, people=people, year=None, period=None, kinds=KINDS)]
    out: dict[str, list[tuple]] = {}
    try:
        for job, o in zip(jobs, make_all(r, facts, broken, jobs, workers=1)):
            out.setdefault(r.files[job[1]].keys["pegawai"], []).append(_outcome(o))
    finally:
        facts.close()
    return out


def whole(repo: Path, person: str) -> list[tuple]:
    return whole_by_person(repo, {person}).get(person, [])


def scoped(repo: Path, person: str) -> list[tuple]:
    from kinerja.commands.print_ import _scoped

    got = _scoped(repo, argparse.Namespace(pegawai=person, tahun=None, periode=None), KINDS)
    assert got is not None, "the demo never needs the whole repository for one person"
    facts, outcomes = got
    facts.close()
    return [_outcome(o) for o in outcomes]


def people_with_plans(repo: Path) -> list[str]:
    return sorted({p.name.split(".", 1)[0] for p in (repo / "plans").glob("*/*.yml")})


@pytest.fixture(scope="module")
def committed_demo(tmp_path_factory):
    repo = copy_demo(tmp_path_factory.mktemp("scoped") / "repo")
    q3 = (repo / f"evaluations/2026/triwulan_3/{PERSON}.yml").read_text(encoding="utf-8")
    annual = q3.replace("periode: triwulan_3", "periode: triwulan_4")
    annual = re.sub(r"(?m)^# .*\n|^masukan_penilai_sebelumnya:\n(?:  .*\n)+", "", annual)
    (repo / "evaluations/2026/triwulan_4").mkdir(exist_ok=True)
    (repo / f"evaluations/2026/triwulan_4/{PERSON}.yml").write_text(annual, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    _commit(repo, "demo")
    return repo


def test_every_person_prints_the_same_bytes_both_ways(committed_demo):
    people = people_with_plans(committed_demo)
    assert len(people) > 20
    everyone = whole_by_person(committed_demo)
    made = 0
    for person in people:
        expected = everyone.get(person, [])
        assert scoped(committed_demo, person) == expected, person
        made += sum(1 for o in expected if o[1] == "made")
    assert made > 60  # SKP and evaluations of most people, not a run of refusals


def test_the_persons_full_set_is_made(committed_demo):
    got = scoped(committed_demo, PERSON)
    states = {o[3]: o[1] for o in got if o[1] == "made"}
    assert {f"2026/{PERSON}/skp.pdf", f"2026/{PERSON}/evaluasi-triwulan_1.pdf", f"2026/{PERSON}/dokumen-evaluasi.pdf",
            f"2026/{PERSON}/angka-kredit.pdf"} <= set(states)


def test_scoped_pdf_verifies_and_its_qr_payload_says_sesuai(committed_demo, tmp_path):
    out = tmp_path / "cetak"
    r = run_kinerja("print", "--pegawai", PERSON, "--keluaran", str(out), cwd=committed_demo)
    assert r.code == 0, r
    pdf = out / "2026" / PERSON / "evaluasi-triwulan_2.pdf"
    r = run_kinerja("print", "--periksa-pdf", str(pdf), cwd=committed_demo)
    assert r.code == 0 and "Sesuai" in r.out, r
    payload = str(PdfReader(pdf).metadata["/Keywords"])
    code = re.search(r"KT1;\S+", payload).group(0).rstrip(",")
    r = run_kinerja("print", "--periksa-kode", code, cwd=committed_demo)
    assert r.code == 0 and "Sesuai" in r.out, r


def test_uncommitted_supervisor_plan_is_refused_the_same_way(committed_demo, tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(committed_demo), str(repo)], check=True)
    boss = repo / "plans/2026/dinkes-0010.yml"
    boss.write_text(boss.read_text(encoding="utf-8") + "\n# diubah, belum di-commit\n", encoding="utf-8")
    expected = whole(repo, PERSON)
    skp = next(o for o in expected if o[0].startswith("skp "))
    assert skp[1] == "data_problem" and "plans/2026/dinkes-0010.yml" in skp[2]
    assert scoped(repo, PERSON) == expected


def test_committed_error_in_the_penilai_file_is_refused_the_same_way(committed_demo, tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(committed_demo), str(repo)], check=True)
    penilai = repo / "organisation/people/dinkes-0010.yml"
    penilai.write_text(penilai.read_text(encoding="utf-8").replace("unit: dinkes-pkm-mb", "unit: tidak-ada-unit"),
                       encoding="utf-8")
    _commit(repo, "unit penilai salah")
    expected = whole(repo, PERSON)
    assert any(o[1] == "data_problem" and "dinkes-0010" in o[2] for o in expected), expected
    assert scoped(repo, PERSON) == expected


def test_a_new_head_of_unit_reaches_the_documents(committed_demo, tmp_path):
    """The heads index is cached by the person and unit files' contents: a change to who heads
    the unit must change the printed penilai exactly as the whole-repository path does."""
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(committed_demo), str(repo)], check=True)
    before = scoped(repo, PERSON)  # fills the heads index for this content
    head = repo / "organisation/people/dinkes-0010.yml"
    head.write_text(head.read_text(encoding="utf-8").replace("    kepala_unit: true\n", ""), encoding="utf-8")
    _commit(repo, "kepala puskesmas dicabut")
    expected = whole(repo, PERSON)
    assert expected != before
    assert scoped(repo, PERSON) == expected


def test_untracked_evaluation_of_the_person_is_seen(committed_demo, tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(committed_demo), str(repo)], check=True)
    q4 = repo / f"evaluations/2026/triwulan_4/{PERSON}.yml"
    (repo / "evaluations/2026/bulan_12").mkdir(exist_ok=True)
    (repo / f"evaluations/2026/bulan_12/{PERSON}.yml").write_text(
        q4.read_text(encoding="utf-8").replace("periode: triwulan_4", "periode: bulan_12"), encoding="utf-8")
    expected = whole(repo, PERSON)
    assert any(f"bulan_12/{PERSON}.yml" in o[0] for o in expected)
    assert scoped(repo, PERSON) == expected


def test_cmap_reader_matches_fonttools_for_every_shipped_font():
    from fontTools.ttLib import TTFont

    from kinerja.documents.render import FONTS, cmap_codepoints

    fonts = sorted(FONTS.glob("*.ttf"))
    assert fonts
    for path in fonts:
        assert cmap_codepoints(path.read_bytes()) == set(TTFont(path, lazy=True).getBestCmap()), path.name
