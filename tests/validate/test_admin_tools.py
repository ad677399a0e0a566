"""Admin tools that cover everyone and say what they skipped (issue 9, section 3)."""

from __future__ import annotations

import json

import yaml
from kthelpers import run_kinerja
from vhelpers import check, cli_json, describe, edit, exit_code, line_of, of_code, write

from kinerja.findings import ERROR, WARNING
from kinerja.scaffold import PLACEHOLDER


def _new(root, *args):
    return run_kinerja("new", "--akar", str(root), *args, cwd=root)


def _sections(out: str) -> dict[str, list[str]]:
    sections, current = {}, None
    for line in out.splitlines():
        if line.startswith("  "):
            sections[current].append(line[2:])
        else:
            current = line.split(" (")[0]
            sections[current] = []
            assert line == f"{current} ({int(line.split('(')[1].rstrip('):'))}):"
    return sections


# --- kinerja new ------------------------------------------------------------------------------------


def test_new_covers_the_new_head_and_says_who_had_a_plan_and_who_was_skipped(demo):
    (demo / "plans/2026/dinkes-0011.yml").unlink()  # the new Kepala Puskesmas (from 2026-08-03)
    for rel in demo.glob("evaluations/2026/*/dinkes-0011.yml"):
        rel.unlink()
    result = _new(demo, "--unit", "dinkes-pkm-mb", "--tahun", "2026")
    assert result.code == 0, result
    s = _sections(result.out)
    assert s["Dibuat"] == ["plans/2026/dinkes-0011.yml (dinkes-0011, jabatan Kepala UPTD Puskesmas Muara Bulian, 2026-08-03 s.d. 2026-12-31)"]
    # the former head (until 2026-04-30) and the four staff already have their plans
    assert sorted(line.split(":")[0] for line in s["Sudah punya rencana"]) == [
        "dinkes-0010", "dinkes-0020", "dinkes-0021", "dinkes-0022", "dinkes-0023"]
    assert s["Dilewati"] == ["dinkes-0005: hanya Plt. dinkes-pkm-mb mulai 2026-05-01; rencananya mengikuti jabatan definitifnya di unit lain."]
    data = yaml.safe_load((demo / "plans/2026/dinkes-0011.yml").read_text(encoding="utf-8"))
    assert data["periode"] == {"mulai": __import__("datetime").date(2026, 8, 3), "selesai": __import__("datetime").date(2026, 12, 31)}
    # his penilai is the Kabid (the puskesmas sits under Bidang Pelayanan Kesehatan)
    assert data["hasil_kerja"][0]["intervensi"].startswith("dinkes-0005/")


def test_new_for_a_mid_year_transferee_and_a_new_hire(demo):
    # kominfo-0031 moved to Sekretariat Disdik on 2026-07-01 (his second position this year);
    # a new hire joins the same unit on 2026-10-01
    for rel in ("plans/2026/kominfo-0031.2026-07-01.yml",):
        (demo / rel).unlink()
    for rel in demo.glob("evaluations/2026/*/kominfo-0031.2026-07-01.yml"):
        rel.unlink()
    person = (demo / "organisation/people/disdik-0008.yml").read_text(encoding="utf-8")
    person = person.replace("id: disdik-0008", "id: disdik-0048").replace("  login: ", "  login: baru-").replace("  id: 91", "  id: 94")
    start = person.index("  - mulai: ")
    person = person[:start] + "  - mulai: 2026-10-01\n" + person[person.index("\n", start) + 1:]
    person = person.replace("unit: disdik-seksi-kurikulum-sd", "unit: disdik-sekretariat")
    write(demo, "organisation/people/disdik-0048.yml", person)
    result = _new(demo, "--unit", "disdik-sekretariat", "--tahun", "2026")
    assert result.code == 0, result
    made = sorted(line.split(" ")[0] for line in _sections(result.out)["Dibuat"])
    # the transferee's plan names its start date (his first plan of 2026 is kominfo-0031.yml)
    assert made == ["plans/2026/disdik-0048.yml", "plans/2026/kominfo-0031.2026-07-01.yml"]
    assert yaml.safe_load((demo / "plans/2026/disdik-0048.yml").read_text(encoding="utf-8"))["periode"]["mulai"].isoformat() == "2026-10-01"
    findings = check(demo)
    assert not [f for f in findings if f.file in made and f.severity == ERROR], describe(findings)


# --- validate with folders ---------------------------------------------------------------------------


def test_validate_a_folder_reports_the_files_in_it(demo):
    edit(demo, "plans/2026/disdik-0044.yml", "status: disetujui", "status: draf")  # a late draft: one warning
    result, doc = cli_json(demo, "plans/2026/")
    assert result.code == 0, result
    files = {f["file"] for f in doc["findings"]}
    assert files == {"plans/2026/disdik-0044.yml", "plans/2026/kominfo-0040.yml"}, files
    text = run_kinerja("validate", "--akar", str(demo), "plans/2026", cwd=demo)
    assert "Tidak ada masalah" not in text.out and "2 peringatan" in text.out


def test_a_path_matching_nothing_is_a_usage_error(demo):
    (demo / "plans/2030").mkdir()
    for path in ("plans/2030", "site", "plans/2031/x.yml"):
        result = run_kinerja("validate", "--akar", str(demo), path, cwd=demo)
        assert result.code == 2, (path, result)
        assert result.err.startswith("kinerja: ") and path.split("/")[-1] in result.err


# --- placeholders ----------------------------------------------------------------------------------------


def test_scaffold_text_is_a_warning_in_a_draft_and_an_error_once_approved(demo):
    assert _new(demo, "--pegawai", "disdik-0042", "--tahun", "2027").code == 0
    rel = "plans/2027/disdik-0042.yml"
    text = (demo / rel).read_text(encoding="utf-8")
    assert text.count(PLACEHOLDER) == 2  # the RHK and its IKI, marked where `kinerja new` writes them
    found = of_code(check(demo), "plan-placeholder", rel)
    assert [f.severity for f in found] == [WARNING, WARNING]
    assert sorted(f.line for f in found) == sorted(i + 1 for i, line in enumerate(text.splitlines()) if PLACEHOLDER in line)
    edit(demo, rel, "status: draf", "status: disetujui")
    found = of_code(check(demo), "plan-placeholder", rel)
    assert [f.severity for f in found] == [ERROR, ERROR] and "disetujui" in found[0].message
    # replacing the sentence (and the marker) clears it
    (demo / rel).write_text((demo / rel).read_text(encoding="utf-8").replace(PLACEHOLDER + " Tulis", "Tulis"), encoding="utf-8")
    assert not of_code(check(demo), "plan-placeholder", rel)


# --- closing a period ---------------------------------------------------------------------------------------


def _close(root, period: str) -> None:
    edit(root, "organisation/instansi.yml", '  "2026": [triwulan_1, triwulan_2]', f'  "2026": [triwulan_1, triwulan_2, {period}]')


def _missing_final(root, year: int, period: str) -> list[str]:
    """Plans in force in the period without a final evaluation, read straight from the YAML."""
    from datetime import date

    months = {"triwulan_3": (date(year, 7, 1), date(year, 9, 30)), "triwulan_4": (date(year, 10, 1), date(year, 12, 31))}[period]
    out = []
    for plan in sorted((root / "plans" / str(year)).glob("*.yml")):
        d = yaml.safe_load(plan.read_text(encoding="utf-8"))
        if d["periode"]["selesai"] < months[0] or d["periode"]["mulai"] > months[1]:
            continue
        ev = root / "evaluations" / str(year) / period / plan.name
        if not ev.exists() or yaml.safe_load(ev.read_text(encoding="utf-8"))["status"] != "final":
            out.append(plan.stem)
    return out


def test_closing_a_period_lists_the_plans_without_a_final_evaluation(demo):
    _close(demo, "triwulan_4")
    expected = _missing_final(demo, 2026, "triwulan_4")
    assert len(expected) > 30  # nobody has an annual evaluation yet
    [f] = of_code(check(demo), "period-close-missing")
    assert f.severity == ERROR and f.file == "organisation/instansi.yml" and f.line == line_of(demo, "organisation/instansi.yml", '"2026":')
    assert f"{len(expected)} rencana" in f.message
    for key in expected[:30]:
        assert key in f.message
    # reminders keep listing what is missing
    out = demo.parent / "pengingat"
    result = run_kinerja("reminders", "--akar", str(demo), "--keluaran", str(out), "--tanggal", "2027-01-20")
    assert result.code == 0, result
    boards = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.md"))
    assert boards.count("realisasi Triwulan IV (akhir/tahunan) 2026 belum dilaporkan") == len(expected)


def test_tidak_dinilai_with_a_reason_allows_closing_and_is_left_out_of_scores(demo):
    _close(demo, "triwulan_3")
    expected = _missing_final(demo, 2026, "triwulan_3")
    assert expected, "the demo has open triwulan III work"
    [f] = of_code(check(demo), "period-close-missing")
    assert all(key in f.message for key in expected)
    from datetime import date

    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository

    repo = load_repository(demo, use_cache=False)
    org = org_index(repo)
    for key in expected:  # recorded by each one's penilai (an input here, not an expectation)
        plan = repo.plan(2026, key)
        penilai = org.penilai_for_period(plan.pegawai, max(plan.mulai, date(2026, 7, 1)), min(plan.selesai, date(2026, 9, 30)))
        write(demo, f"evaluations/2026/triwulan_3/{key}.yml",
              f"versi_format: 1\npegawai: {plan.pegawai}\ntahun: 2026\nperiode: triwulan_3\nstatus: tidak_dinilai\n"
              f"pejabat_penilai: {penilai}\nalasan_tidak_dinilai: \"Cuti di luar tanggungan negara sejak 1 Juli 2026 (fiktif)\"\n")
    findings = check(demo)
    assert not of_code(findings, "period-close-missing"), describe(findings)
    scored = json.loads(run_kinerja("score", "--akar", str(demo), "--tahun", "2026", "--periode", "triwulan_3", "--format", "json").out)
    files = {e["file"] for e in scored["evaluations"]}
    assert not {f"evaluations/2026/triwulan_3/{k}.yml" for k in expected} & files
    # without the reason the schema refuses it
    edit(demo, f"evaluations/2026/triwulan_3/{expected[0]}.yml", "alasan_tidak_dinilai", "catatan_lain")
    assert of_code(check(demo), "period-close-missing")
