"""`make mutants`: mutation testing of the rule-bearing modules with cosmic-ray (a benchmark, not a test).

Each module is mutated in a throw-away copy of the repository (never in the work tree), and
the tests that cover it run against every mutant: the copy's `scripts/` comes first on
PYTHONPATH, so the CLI subprocesses the tests start import the mutant too. A mutant that no
test notices "survives"; each survivor is either killed by a new test or listed, with a
one-line reason, in tests/mutants-equivalent.md. Usage:

    python .ci/mutants.py                 # every module, smallest first
    python .ci/mutants.py score/pp46.py   # some modules (paths under scripts/kinerja/)
    python .ci/mutants.py --work /tmp/m score/pp46.py
                                          # keep the copy and its session in /tmp/m/<module>; a
                                          # second run takes the current tests/ and runs the pending
                                          # mutants and the previous survivors again
    python .ci/mutants.py --tests tests/score/test_pp46.py score/pp46.py
                                          # run only these tests (comma-separated) against every
                                          # mutant: a quick pass on a busy machine; re-check its
                                          # survivors with the module's full list before calling
                                          # one equivalent

Slow on a small machine (each mutant runs the module's tests once): run modules one by one.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(PY).parent

# module (under scripts/kinerja/) -> the tests that cover its rules
MODULES = {
    "score/numbers.py": ["tests/score/test_numbers.py", "tests/score/test_rule_tables.py"],
    "score/kuadran.py": ["tests/score/test_consistency.py", "tests/score/test_rule_tables.py"],
    "score/curve.py": ["tests/score/test_curve_messages.py", "tests/score/test_rule_tables.py"],
    "score/angka_kredit.py": ["tests/score/test_angka_kredit_months.py", "tests/score/test_rule_tables.py"],
    "score/capaian.py": ["tests/score/test_rule_tables.py", "tests/score/test_capaian_periods.py"],
    "score/status.py": ["tests/score/test_status.py"],
    "score/pp46.py": ["tests/score/test_pp46.py", "tests/score/test_score_command.py::test_legacy_bands"],
    "publish/html.py": ["tests/site/test_html_text.py", "tests/site/test_html_builder.py", "tests/site/test_units.py"],
    # in process on the demo data (tests/score as a whole runs the CLI: minutes per mutant)
    "score/engine.py": ["tests/score/test_engine_rules.py"],
    "score/report.py": ["tests/score/test_report_formats.py"],
    # the rating in force: evaluation, then an enacted calibration, then a keberatan decision
    "score/overlay.py": ["tests/score/test_overlay_layers.py", "tests/score/test_engine_rules.py",
                         "tests/score/test_corrections.py", "tests/review/test_calibration.py"],
    "score/calibration.py": ["tests/score/test_calibration_rules.py", "tests/review/test_calibration.py",
                             "tests/score/test_engine_rules.py"],
    "review/approval.py": ["tests/review/test_approval_rules.py", "tests/review/test_check_approval.py"],
    # in-process Decider tests first (about 3 s of CPU); the real-git CLI tests only run for mutants they leave
    "review/authz.py": ["tests/review/test_authz_decider.py", "tests/review/test_authz_rules.py",
                        "tests/review/test_check_change.py"],
    # the public projection (publish/projecting/, one step per module): its privacy rules
    "publish/projecting/groups.py": ["tests/site/test_group_totals.py", "tests/site/test_suppression.py",
                                     "tests/site/test_units.py"],
    "publish/projecting/redact.py": ["tests/site/test_redact_pass.py", "tests/site/test_redact_fields.py",
                                     "tests/validate/test_nip_in_free_text.py", "tests/site/test_units.py"],
    "publish/projecting/plans.py": ["tests/site/test_plan_views.py", "tests/site/test_units.py", "tests/site/test_suppression.py",
                                    "tests/validate/test_url_rule.py"],
    # the in-process files first (the malformed corpus through the loader alone is in
    # test_loader_limits_and_messages.py); test_validate_malformed.py (16 s: a demo copy validated per case) last
    # the rest of the projection's steps, and the target-change history they publish (from git)
    "publish/projecting/units.py": ["tests/site/test_projection_steps.py", "tests/site/test_units.py"],
    "publish/projecting/goals.py": ["tests/site/test_projection_steps.py", "tests/site/test_units.py"],
    "publish/projecting/history.py": ["tests/site/test_projection_steps.py", "tests/site/test_targethistory.py"],
    "publish/targethistory.py": ["tests/site/test_targethistory_collect.py", "tests/site/test_targethistory.py"],
    "loader.py": ["tests/validate/test_loader_rules.py", "tests/target/test_yaml_numbers.py",
                  "tests/validate/test_loader_limits_and_messages.py", "tests/validate/test_unclosed_quotes.py",
                  "tests/validate/test_validate_yaml_suite.py", "tests/validate/test_validate_properties.py",
                  "tests/validate/test_validate_malformed.py"],
}
# Operators left out: replacing arithmetic by bit/shift/power/modulo operators on Fractions and
# strings only ever crashes (a TypeError every test sees), and costs a test run each.
EXCLUDED_OPERATORS = [r"core/ReplaceBinaryOperator_.*_(BitOr|BitAnd|BitXor|LShift|RShift|Pow|Mod|FloorDiv)$",
                      r"core/ReplaceBinaryOperator_(BitOr|BitAnd|BitXor|LShift|RShift|Pow|Mod|FloorDiv)_.*"]
# everything tests/kthelpers.py REPO_CONTENT copies from the repository, and what the tests read
COPY = ["scripts", "tests", "organisation", "plans", "evaluations", "unit-results", "complaints", "surveys",
        "objections", "calibrations", "rules", "schemas", "site", "mkdocs.yml", "pyproject.toml", ".gitignore"]


def _copy(target: Path) -> None:
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        elif src.is_file():
            shutil.copy2(src, target / name)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)
    subprocess.run(["git", "-c", "user.name=m", "-c", "user.email=m@example.invalid", "commit", "-q", "-m", "copy"],
                   cwd=target, check=True)


def _resume(work: Path, module: str) -> bool:
    """Prepare a kept session to go on; False when it cannot (start afresh).

    cosmic-ray writes each mutant into the copy's module and puts the original back after the
    test run, so a run that was stopped can leave a mutant in place: the module is restored from
    the pristine copy kept at the start. A session whose module has changed since (other code,
    other mutation positions) is not resumed. The current tests replace the copy's, and the
    survivors (and any mutant whose run was interrupted) run again."""
    pristine = work / "pristine.py"
    if not (work / "session.sqlite").exists() or not pristine.exists():
        return False
    if pristine.read_bytes() != (ROOT / "scripts" / "kinerja" / module).read_bytes():
        print(f"-- {module} berubah sejak sesi dimulai: sesi lama dibuang, mulai dari awal", flush=True)
        return False
    shutil.copy2(pristine, work / "scripts" / "kinerja" / module)
    shutil.rmtree(work / "tests")
    shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    with sqlite3.connect(work / "session.sqlite") as db:
        db.execute("DELETE FROM work_results WHERE test_outcome = 'SURVIVED' "
                   "OR worker_outcome IN ('ABNORMAL', 'EXCEPTION')")
    return True


def run_module(module: str, tests: list[str], keep: Path | None = None) -> dict:
    if keep is None:
        work = Path(tempfile.mkdtemp(prefix="kinerja-mutants-"))
    else:
        work = keep / module.replace("/", "_").removesuffix(".py")
    resume = keep is not None and _resume(work, module)
    try:
        if not resume:
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            _copy(work)
            shutil.copy2(work / "scripts" / "kinerja" / module, work / "pristine.py")
        # one pytest process per mutant: leave out the plugins a single-process run does not need
        # (xdist, and Hypothesis's reporting plugin, which alone doubles the start-up time;
        # @given tests run the same without it)
        cmd = " ".join([PY, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                        "-p", "no:hypothesispytest", *tests])
        config = work / "cosmic-ray.toml"
        config.write_text(
            "[cosmic-ray]\n"
            f'module-path = "scripts/kinerja/{module}"\n'
            "timeout = 300.0\n"
            "excluded-modules = []\n"
            f"test-command = {json.dumps(cmd)}\n"
            "[cosmic-ray.distributor]\nname = \"local\"\n"
            "[cosmic-ray.filters.operators-filter]\n"
            f"exclude-operators = {json.dumps(EXCLUDED_OPERATORS)}\n",
            encoding="utf-8")
        # the YAML test suite corpus lives beside the repository (../shared/corpora), not in the copy
        env = dict(os.environ, PYTHONPATH=str(work / "scripts"), KINERJA_CACHE_DIR=str(work / ".cache"),
                   KINERJA_YAML_SUITE=str(ROOT.parent / "shared" / "corpora" / "yaml-test-suite"))
        session = work / "session.sqlite"
        # the unmutated copy must pass the tests, or every mutant would count as killed
        baseline = subprocess.run(cmd, shell=True, cwd=work, env=env, capture_output=True, text=True)
        if baseline.returncode != 0:
            raise SystemExit(f"{module}: tes gagal tanpa mutan (perbaiki dulu):\n{baseline.stdout[-3000:]}")
        steps = [] if resume else [["cosmic-ray", "init", str(config), str(session)],
                                   ["cr-filter-operators", str(session), str(config)]]
        for step in [*steps, ["cosmic-ray", "exec", str(config), str(session)]]:
            subprocess.run([str(BIN / step[0]), *step[1:]], cwd=work, env=env, check=True)
        dump = subprocess.run([str(BIN / "cosmic-ray"), "dump", str(session)], cwd=work, env=env, check=True,
                              capture_output=True, text=True).stdout
        counts = {"killed": 0, "survived": 0, "incompetent": 0, "skipped": 0, "pending": 0}
        survivors = []
        for line in dump.splitlines():
            item, result = json.loads(line)
            if result is None:
                counts["pending"] += 1
                continue
            if result.get("worker_outcome") in ("skipped", "no-test"):  # filtered out / no mutation possible
                counts["skipped"] += 1
                continue
            outcome = result.get("test_outcome")
            counts[outcome] = counts.get(outcome, 0) + 1
            if outcome == "survived":
                m = item["mutations"][0]
                survivors.append({"operator": m["operator_name"], "occurrence": m["occurrence"],
                                  "line": m["start_pos"][0], "diff": result.get("diff", "")})
        return {"module": module, "counts": counts, "survivors": survivors}
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    keep = None
    only: list[str] | None = None
    while argv[:1] in (["--work"], ["--tests"]):
        if len(argv) < 2:
            print(f"{argv[0]} perlu nilai, misalnya --work /tmp/mutan atau --tests tests/a.py,tests/b.py",
                  file=sys.stderr)
            return 2
        if argv[0] == "--work":
            keep = Path(argv[1]).resolve()
        else:
            only = [t for t in argv[1].split(",") if t]
        argv = argv[2:]
    chosen = argv or list(MODULES)
    unknown = [m for m in chosen if m not in MODULES]
    if unknown:
        print("Modul tidak dikenal: " + ", ".join(unknown) + ". Pilihan: " + ", ".join(MODULES), file=sys.stderr)
        return 2
    total_survived = 0
    for module in chosen:
        report = run_module(module, only or MODULES[module], keep)
        c = report["counts"]
        print(f"== {module}: {c['killed']} killed, {c['survived']} survived, {c['incompetent']} incompetent, "
              f"{c['skipped']} skipped", flush=True)
        for s in report["survivors"]:
            print(f"-- survived: {module}:{s['line']} {s['operator']} #{s['occurrence']}")
            print(s["diff"])
        total_survived += c["survived"]
    return 1 if total_survived else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
