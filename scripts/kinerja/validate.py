"""`kinerja validate`: load -> schema -> single-document -> cross-file checks, as findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kinerja.check import crossfile
from kinerja.findings import Finding
from kinerja.repository import Repository, load_repository


def run_checks(repo: Repository, today: date, only: set[str] | None = None) -> list[Finding]:
    findings = [f for fr in repo.files.values() for f in fr.findings if only is None or f.file in only]
    findings += crossfile.run(repo, today).resolve(repo.locate, only)
    return sorted(set(findings), key=Finding.sort_key)


def validate(
    root: Path,
    paths: list[str] | None = None,
    *,
    today: date | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
) -> tuple[Repository, list[Finding]]:
    repo = load_repository(root, use_cache=use_cache, jobs=jobs)
    only = set(paths) if paths else None
    return repo, run_checks(repo, today or date.today(), only)
