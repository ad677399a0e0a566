"""Helpers for the site tests: repository copies, real `mkdocs build --strict` runs, a local
HTTP server for the browser, and where Chromium is."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


EVERYTHING_POLICY = """\
versi_format: 1
kanal_pengaduan:
  url: https://pengaduan.batanghari.example/lapor
  nama: "LAPOR <img src=x onerror=alert(1)> {{7*7}}"
unit:
  sasaran: true
  kaskade_rhk: true
  realisasi: true
  bukti_dukung: true
  rencana_draf: true
  sebaran_predikat: true
  kelompok_minimum: 3
pegawai:
  halaman: semua
  pejabat_publik: [kepala_perangkat_daerah, jpt, kepala_unit]
  nama: true
  lampiran_skp: true
  realisasi: true
  bukti_dukung: true
  predikat: true
  narasi_publik: true
data_terbuka:
  aktif: true
pencarian:
  teks_rhk: true
  halaman_pegawai: true
"""


# (tests/conftest.py has similar helpers; a conftest cannot import another one by name)
REPO_CONTENT = ("organisation", "plans", "evaluations", "unit-results", "complaints", "surveys", "rules", "schemas", "site", "mkdocs.yml", "scripts", ".github/ISSUE_TEMPLATE")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.invalid", "GIT_COMMITTER_NAME": "Uji",
    "GIT_COMMITTER_EMAIL": "uji@example.invalid", "GIT_AUTHOR_DATE": "2026-11-28T08:00:00+07:00",
    "GIT_COMMITTER_DATE": "2026-11-28T08:00:00+07:00",
}


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, env=dict(os.environ, **GIT_ENV), capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def site_copy(target: Path) -> Path:
    """The demo repository plus the code the hook runs (mkdocs.yml points at scripts/)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in REPO_CONTENT:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif src.is_file():
            shutil.copy2(src, target / name)
    return target


def commit_all(repo: Path, message: str = "demo") -> None:
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


class Build:
    def __init__(self, proc: subprocess.CompletedProcess, out: Path):
        self.code = proc.returncode
        self.log = proc.stdout + proc.stderr
        self.out = out

    def __repr__(self):
        return f"<mkdocs exit {self.code}\n{self.log[-4000:]}>"


def mkdocs_build(repo: Path, out: Path, *, cache: Path | None = None, env: dict | None = None) -> Build:
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    full_env.pop("SOURCE_DATE_EPOCH", None)
    if cache is not None:
        full_env["KINERJA_CACHE_DIR"] = str(cache)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=repo, env=full_env, capture_output=True, text=True, timeout=900,
    )
    return Build(proc, out)


def shared_root(tmp_path_factory) -> Path:
    """The folder every xdist worker of this run sees (each worker's basetemp is a child of it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def source_digest(*extra: Path) -> str:
    """A digest of everything a site build reads: the repository content and the given files."""
    h = hashlib.sha256()
    paths = []
    for name in REPO_CONTENT:
        src = ROOT / name
        if src.is_dir():
            paths += [p for p in src.rglob("*") if p.is_file() and "__pycache__" not in p.parts and ".egg-info" not in str(p)]
        elif src.is_file():
            paths.append(src)
    for p in sorted(paths) + list(extra):
        h.update(p.relative_to(ROOT).as_posix().encode() if p.is_relative_to(ROOT) else str(p).encode())
        h.update(b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:16]


@contextlib.contextmanager
def _locked(path: Path):
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def shared(tmp_path_factory, name: str, key: str, make) -> Path:
    """A folder made once per test run by `make(folder)`, by whichever worker asks first; the
    others wait on a file lock and reuse it. Keyed by `key` (a digest of the sources), so a
    folder left half-made by a failing worker is made again, never reused."""
    root = shared_root(tmp_path_factory)
    folder = root / f"shared-{name}-{key}"
    done = folder / ".made"
    with _locked(root / f".shared-{name}.lock"):
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            make(folder)
            done.write_text("ok", encoding="utf-8")
    return folder


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


class Server:
    """The built site over HTTP on 127.0.0.1 (a thread, stopped at the end)."""

    def __init__(self, directory: Path):
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


