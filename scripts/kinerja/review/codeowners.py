"""`.github/CODEOWNERS` generated from the organisation data.

GitHub asks a code owner to review each file; with several owners on a line, any one of
them suffices, so CODEOWNERS is only the first gate (who gets asked). `kinerja
check-approval` is the required check that knows exactly who must approve what.

The last matching line wins in CODEOWNERS, so the file is: admins own everything, then
one line per person for their plans (the pejabat penilai) and evaluations (the employee
and the pejabat penilai, plus the atasan pejabat penilai where that setting applies), then
admins for the predikat organisasi. Supervisors are taken from every assignment in force
from 1 January of the previous year on, so a transfer keeps the former supervisor as an
owner of the evaluations they still have to finish; the output changes only when the
organisation data (or the year) does.
"""

from __future__ import annotations

from datetime import date

from kinerja.model.org import OrgIndex

GENERATED_BY = "# Dibuat otomatis oleh `kinerja codeowners"  # also the old header (`--write`)
HEADER = (
    "# Dibuat otomatis oleh `kinerja codeowners --tulis` dari data organisasi. Jangan diubah dengan tangan.\n"
    "# GitHub hanya menjamin \"salah satu pemilik menyetujui\"; aturan persetujuan yang lengkap\n"
    "# diperiksa oleh `kinerja check-approval` (status wajib pada pull request).\n"
)
PATH = ".github/CODEOWNERS"


def _handles(org: OrgIndex, ids) -> list[str]:
    out = []
    for pid in ids:
        p = org.person(pid)
        if p is not None and p.github_login:
            h = "@" + p.github_login
            if h not in out:
                out.append(h)
    return out


def render(org: OrgIndex, admins: list[str], rating_approval: str, today: date) -> str:
    since = date(today.year - 1, 1, 1)
    far = date(9999, 12, 31)
    lines = [HEADER, "# Semua berkas lain: admin BKPSDM.", " ".join(["*", *_handles(org, admins)]) or "*", ""]
    lines.append("# Rencana (SKP): pejabat penilai. Evaluasi: pegawai dan pejabat penilai.")
    for pid in sorted(org.people):
        person = org.person(pid)
        if person.status == "non_asn" and not person.assignments:
            continue
        penilai = org.penilai_between(pid, since, far)
        plan_owners = _handles(org, penilai)
        eval_ids = [pid, *penilai]
        if rating_approval == "atasan_pejabat_penilai":
            for boss in penilai:
                eval_ids += org.penilai_between(boss, since, far)
        eval_owners = _handles(org, eval_ids)
        if plan_owners:
            for pattern in (f"/plans/*/{pid}.yml", f"/plans/*/{pid}.*.yml"):
                lines.append(" ".join([pattern, *plan_owners]))
        if eval_owners and penilai:
            for pattern in (f"/evaluations/*/*/{pid}.yml", f"/evaluations/*/*/{pid}.*.yml"):
                lines.append(" ".join([pattern, *eval_owners]))
    lines += ["", "# Predikat organisasi: ditetapkan kepala unit induk, disetujui admin.",
              " ".join(["/unit-results/", *_handles(org, admins)]), ""]
    return "\n".join(lines)
