"""scripts/terapkan-pengaturan-github.sh sets up exactly the GitHub Free model, run against a
fake `gh` that records every call (GitHub is not reachable)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from kthelpers import ROOT

SCRIPT = ROOT / "scripts" / "terapkan-pengaturan-github.sh"
FAKE = r"""#!/usr/bin/env python3
import os, sys
args = sys.argv[1:]
with open(os.environ["FAKE_GH_LOG"], "a") as fh:
    fh.write(" ".join(args) + "\n")
text = " ".join(args)
if "installations" in text:
    print(os.environ.get("FAKE_APP_PERMS", ""))
elif "branches/gh-pages" in text:
    sys.exit(1)
elif "/members" in text:
    print("91000042")
elif "/invitations" in text and "POST" not in text:
    print("sudah-diundang")
elif args[:2] == ["api", "user/91000044"]:
    print("sudah-diundang")
elif args[:1] == ["api"] and args[1].startswith("user/"):
    print("akun-" + args[1].split("/")[1])
"""


def _run(tmp: Path, *args: str, perms="contents=write issues=write metadata=read pull_requests=write", env=None):
    bindir = tmp / "bin"
    bindir.mkdir(exist_ok=True)
    (bindir / "gh").write_text(FAKE, encoding="utf-8")
    (bindir / "gh").chmod(0o755)
    log = tmp / "gh.log"
    log.write_text("", encoding="utf-8")
    proc = subprocess.run(["sh", str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PATH=f"{bindir}:{os.environ['PATH']}", FAKE_GH_LOG=str(log),
                                   FAKE_APP_PERMS=perms, **(env or {})))
    return proc, log.read_text(encoding="utf-8").splitlines()


def test_setup_applies_the_free_plan_model(tmp_path):
    proc, calls = _run(tmp_path, "batanghari/kinerja")
    assert proc.returncode == 0, proc.stderr
    text = "\n".join(calls)
    assert "api --method PATCH orgs/batanghari -f default_repository_permission=read" in text
    assert "members_can_fork_private_repositories=true" in text
    fork = next(c for c in calls if "fork-pr-workflows-private-repos" in c)
    assert "require_approval_for_fork_pr_workflows=true" in fork and "send_write_tokens_to_workflows=false" in fork
    assert "send_secrets_and_variables=false" in fork
    assert "repo create batanghari/kinerja-situs --public" not in text  # it exists (the fake answers)
    # nothing that needs a paid plan on a private repository
    for paid in ("rulesets", "environments", "repos/batanghari/kinerja/pages", "branches/main/protection"):
        assert paid not in text, paid


def test_setup_stops_when_the_app_can_change_workflows(tmp_path):
    proc, _ = _run(tmp_path, "batanghari/kinerja",
                   perms="contents=write issues=write metadata=read pull_requests=write workflows=write")
    assert proc.returncode == 1 and "seharusnya" in proc.stderr


def test_invitations_are_batched_within_the_daily_cap(tmp_path):
    ids = tmp_path / "akun.txt"
    # a member, one already invited, three new people; a cap of 2 per run
    ids.write_text("91000042\n91000044\n91000050\n# catatan\n91000051\n91000052\n", encoding="utf-8")
    proc, calls = _run(tmp_path, "batanghari/kinerja", "undang", str(ids), env={"KINERJA_UNDANGAN_PER_HARI": "2"})
    assert proc.returncode == 0, proc.stderr
    invited = [c for c in calls if c.startswith("api --method POST orgs/batanghari/invitations")]
    assert [c.split("invitee_id=")[1].split()[0] for c in invited] == ["91000050", "91000051"]
    assert "Batas 2 undangan tercapai" in proc.stdout


def test_every_label_the_issue_forms_carry_is_created(tmp_path):
    """GitHub drops a template's label that does not exist in the repository, and the form
    conversion picks the form by its label: every label of every template must be created."""
    import yaml

    wanted = set()
    for f in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        if isinstance(doc, dict):
            wanted |= set(doc.get("labels") or [])
    proc, calls = _run(tmp_path, "batanghari/kinerja")
    assert proc.returncode == 0, proc.stderr
    created = {c.split()[2] for c in calls if c.startswith("label create ")}
    assert wanted and wanted <= created, wanted - created
