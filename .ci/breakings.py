"""`make breakings`: break each rule deliberately, one at a time, and show which test notices.

Issue 17 broke 13 rules in a copy and found 7 that no test noticed. This keeps those breakings
(and the ones found since) as data: each entry names a rule, the exact edit that breaks it in
one module, and the tests that must fail then. Every breaking is applied in a throw-away copy
of the repository (never the work tree), the tests run with the copy's `scripts/` first on
PYTHONPATH (so the CLI subprocesses the tests start use the broken code too), and the module
is restored before the next one. First a control run: the same tests on the unbroken copy must
pass, else "caught" would mean nothing. An edit that no longer matches the code exactly once is
reported, so the list cannot silently rot when the code changes.

    python .ci/breakings.py            # every breaking
    python .ci/breakings.py pp46-band  # some, by name
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutants import PY, _copy  # noqa: E402  (same throw-away copy as `make mutants`)


@dataclass(frozen=True)
class Breaking:
    name: str
    rule: str  # the rule that is broken (English, for the developer)
    module: str  # under scripts/kinerja/
    old: str  # exact text, found exactly once in the module
    new: str
    tests: tuple[str, ...]  # pytest node ids that must fail on the breaking


BREAKINGS = (
    Breaking("capaian-clamp", "a negative capaian is shown as 0%", "score/capaian.py",
             '    if value < 0:\n        return Fraction(0), "capaian di bawah 0% ditampilkan 0%"\n', "",
             ("tests/score/test_rule_tables.py::test_a_negative_capaian_is_shown_as_0_percent",)),
    Breaking("pp46-band", "PP 46/2011: a score equal to a band's minimum is in that band", "score/pp46.py",
             'if nilai >= exact(b["min"]):', 'if nilai > exact(b["min"]):',
             ("tests/score/test_score_command.py::test_legacy_bands",)),
    Breaking("authz-delete-approved-plan", "deleting or demoting one's own approved plan needs the penilai",
             "review/authz.py",
             'needs = status_after in ("disetujui", "?") or status_before in ("disetujui", "?")',
             'needs = status_after in ("disetujui", "?")',
             ("tests/review/test_authz_rules.py::test_deleting_her_own_approved_plan_needs_the_penilai",
              "tests/review/test_authz_rules.py::test_setting_an_approved_plan_back_to_draft_needs_the_penilai")),
    Breaking("authz-koreksi-by-penilai", "only an admin writes a koreksi record", "review/authz.py",
             "if C.KOREKSI in parts and not self.is_admin:", "if False:",
             ("tests/review/test_authz_rules.py::test_penilai_adding_a_koreksi_naming_an_admin_is_refused",)),
    Breaking("nip-appointment-month", "NIP digits 13-14 (appointment month) are 01-12", "check/document.py",
             "if not 1 <= month <= 12:", "if False:",
             ("tests/validate/test_validate_rules.py::test_rule_reports_the_expected_line[nip-appointment-month-13]",
              "tests/validate/test_validate_rules.py::test_rule_reports_the_expected_line[nip-appointment-month-00]")),
    Breaking("duplicate-nip", "one NIP belongs to one person", "check/crossfile.py",
             "        if p.nip:\n            nips.setdefault(", "        if False:\n            nips.setdefault(",
             ("tests/validate/test_validate_rules.py::test_rule_reports_the_expected_line[duplicate-nip]",
              "tests/validate/test_validate_rules.py::test_rule_reports_the_expected_line[duplicate-nip-reported-on-both]")),
    Breaking("html-srcdoc-formaction", "the HTML builder refuses content-carrying attributes", "publish/html.py",
             'name in ("style", "srcdoc", "formaction")', 'name in ("style",)',
             ("tests/site/test_html_builder.py::test_builder_refuses_script_and_content_attributes",)),
    Breaking("suppression-individually-shown",
             "a group distribution counts only the people whose predikat is not published individually",
             "publish/projecting/groups.py",
             "hidden = hidden_by_group[(us.unit, us.tahun, us.periode)]", "hidden = 0",
             ("tests/site/test_suppression.py::test_demo_publishes_no_distribution_that_subtracting_published_people_would_reveal",)),
)


def _pytest(work: Path, tests: tuple[str, ...]) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(work / "scripts"), KINERJA_CACHE_DIR=str(work / ".cache"))
    return subprocess.run([PY, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests], cwd=work, env=env,
                          capture_output=True, text=True)


def main(argv: list[str]) -> int:
    chosen = [b for b in BREAKINGS if not argv or b.name in argv]
    unknown = sorted(set(argv) - {b.name for b in BREAKINGS})
    if unknown:
        print("Tidak dikenal: " + ", ".join(unknown) + ". Pilihan: " + ", ".join(b.name for b in BREAKINGS),
              file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="kinerja-breakings-"))
    failures = 0
    try:
        _copy(work)
        every_test = tuple(dict.fromkeys(t for b in chosen for t in b.tests))
        control = _pytest(work, every_test)
        if control.returncode != 0:
            print("Kontrol gagal: tes-tes ini sudah gagal tanpa perusakan, hasil di bawah tidak berarti.\n"
                  + control.stdout[-3000:], file=sys.stderr)
            return 1
        print(f"kontrol: {len(every_test)} tes lulus pada salinan yang utuh")
        for b in chosen:
            path = work / "scripts" / "kinerja" / b.module
            original = path.read_text(encoding="utf-8")
            if original.count(b.old) != 1:
                print(f"USANG  {b.name}: teks yang dirusak ditemukan {original.count(b.old)} kali di {b.module} "
                      "(harus tepat 1); perbarui daftar di .ci/breakings.py")
                failures += 1
                continue
            path.write_text(original.replace(b.old, b.new), encoding="utf-8")
            try:
                run = _pytest(work, b.tests)
            finally:
                path.write_text(original, encoding="utf-8")
            if run.returncode == 1:
                failed = [line.split(" ", 1)[1].split(" - ")[0] for line in run.stdout.splitlines()
                          if line.startswith("FAILED ")]
                print(f"ketahuan  {b.name} ({b.rule}): {', '.join(failed)}")
            else:
                failures += 1
                what = "TIDAK ketahuan" if run.returncode == 0 else f"galat pytest (kode {run.returncode})"
                print(f"{what}  {b.name} ({b.rule}) di {b.module}\n{run.stdout[-2000:]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
