"""Resolving the editor's link to a supervisor's RHK, `<kode_rencana>@<commit>/<rhk>`, privately.

The public site names plans by their public code (`2026-disdik-sdn-12-mb-03`, see
publish/projecting/plans.numbered_plans), never by person. The browser editor ("Isi SKP") only
knows that code and the commit the site was built from, so it writes the link as
`<kode>@<commit>/<rhk>`. `kinerja form` runs inside the private repository: it reads the
data of that commit (git objects, nothing executed), numbers the plans with the same rule
the site used, and so finds the plan and its holder's person id. Then it compares the plan
at that commit with the plan now: if the chosen RHK was changed or removed since, the link
is refused with a message saying what changed, because the employee chose it by its text.
"""

from __future__ import annotations

import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from kinerja.findings import shown

PUBLIC_LINK = re.compile(
    r"(?P<kode>(?P<tahun>20[0-9]{2})-[a-z0-9]+(?:-[a-z0-9]+)*-[0-9]{2,})@(?P<commit>[0-9a-f]{7,40})/"
    r"(?P<rhk>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)"
)
# what is read from the commit: enough to number the plans exactly as the site did
_PATHS = ("organisation", "rules", "schemas")


@dataclass(frozen=True)
class Resolved:
    link: str | None  # "<person id>/<rhk id>", the plan's intervensi value
    problem: str | None = None  # Indonesian, when the link cannot be used
    note: str | None = None  # Indonesian, when it resolved but something is worth saying


def _git(root: Path, *args: str, binary: bool = False):
    proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=not binary)
    return proc.returncode, proc.stdout


def _materialise(root: Path, commit: str, year: str, target: Path) -> bool:
    paths = [p for p in (*_PATHS, f"plans/{year}") if _git(root, "cat-file", "-e", f"{commit}:{p}")[0] == 0]
    code, data = _git(root, "archive", "--format=tar", commit, "--", *paths, binary=True)
    if code != 0:
        return False
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        for member in tar.getmembers():
            if not (member.isfile() or member.isdir()):
                continue  # symlinks and devices from history are never followed
            tar.extract(member, target, filter="data")
    return True


def _codes_at(root: Path, commit: str, year: str) -> dict | None:
    """kode -> (plan file, person id, {rhk id: uraian}) at `commit`; None when unreadable."""
    from kinerja.publish.policy import load_policy
    from kinerja.publish.projecting.context import context
    from kinerja.publish.projecting.plans import numbered_plans
    from kinerja.publish.projecting.units import tree_order
    from kinerja.repository import load_repository

    with tempfile.TemporaryDirectory(prefix="kinerja-tautan-") as tmp:
        base = Path(tmp)
        if not _materialise(root, commit, year, base):
            return None
        try:
            repo = load_repository(base, use_cache=False, jobs=1)
            policy = load_policy(base)
        except Exception:  # noqa: BLE001 - an unreadable past commit is a refusal, not a crash
            return None
        if repo.regency is None:
            return None
        out = {}
        for kode, _unit, _year, _jabatan, _pemegang, plan in numbered_plans(context(repo, policy), tree_order(repo.units)):
            out[kode] = (plan.file, plan.pegawai, {r.id: r.uraian for r in plan.rhk})
        return out


def resolve(root: Path, text: str, current_plans) -> Resolved:
    """`text` is `<kode>@<commit>/<rhk>`; `current_plans(person id, year)` gives the plans now."""
    m = PUBLIC_LINK.fullmatch(text)
    if m is None:
        return Resolved(None, f"tautan RHK atasan {shown(text)} tidak berbentuk <kode-rencana>@<commit>/<id-rhk>.")
    kode, commit, rhk, year = m["kode"], m["commit"], m["rhk"], m["tahun"]
    code, full = _git(root, "rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}")
    if code != 0:
        return Resolved(None, f"tautan RHK atasan {shown(text)} menunjuk commit {commit} yang tidak ada di repositori. "
                              "Buka editor dari situs yang terbaru, pilih ulang RHK atasan, lalu kirim lagi.")
    full = full.strip()
    codes = _codes_at(root, full, year)
    if codes is None:
        return Resolved(None, f"data organisasi pada commit {commit[:12]} tidak dapat dibaca untuk menautkan RHK atasan. "
                              "Buka editor dari situs yang terbaru, pilih ulang RHK atasan, lalu kirim lagi.")
    if kode not in codes:
        return Resolved(None, f"rencana {kode} tidak ada di situs yang dibangun dari commit {commit[:12]}. "
                              "Pilih ulang RHK atasan di editor.")
    file, person, rhk_text = codes[kode]
    if rhk not in rhk_text:
        return Resolved(None, f"rencana {kode} (commit {commit[:12]}) tidak memuat {rhk}. Pilih ulang RHK atasan di editor.")
    chosen = rhk_text[rhk]
    now = next((p for p in current_plans(person, int(year)) if p.file == file), None)
    if now is None:
        return Resolved(None, f"rencana atasan yang Anda pilih ({kode}, RHK {shown(chosen, 200)}) sudah tidak ada sejak "
                              f"commit {commit[:12]}. Buka editor dari situs yang terbaru dan pilih ulang RHK atasan.")
    current = next((r for r in now.rhk if r.id == rhk), None)
    if current is None:
        return Resolved(None, f"RHK atasan yang Anda pilih ({shown(chosen, 200)}) sudah dihapus dari rencana atasan sejak commit "
                              f"{commit[:12]}. Buka editor dari situs yang terbaru dan pilih ulang RHK atasan.")
    if current.uraian != chosen:
        return Resolved(None, f"RHK atasan yang Anda pilih telah berubah sejak commit {commit[:12]}: dulu {shown(chosen, 200)}, "
                              f"sekarang {shown(current.uraian, 200)}. Periksa apakah RHK Anda masih mendukungnya; bila ya, pilih "
                              "ulang RHK itu di editor dari situs yang terbaru, lalu kirim lagi.")
    code, head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    note = None
    if code == 0 and head.strip() != full and _git(root, "diff", "--quiet", full, "HEAD", "--", file)[0] != 0:
        note = (f"Rencana atasan ({kode}) berubah sejak commit {commit[:12]}, tetapi RHK yang Anda pilih "
                f"({shown(chosen, 200)}) tetap sama; tautan dipakai.")
    return Resolved(f"{person}/{rhk}", None, note)
