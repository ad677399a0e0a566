"""`kinerja bench-lighthouse`: Lighthouse (mobile) on the demo site behind a gzip static server
(a benchmark, not a test).

Builds the demo site with `mkdocs build --strict` (or takes a built one with --situs), serves it
on 127.0.0.1 with gzip for text files, and runs Lighthouse 12.2.3 (npm, pinned in
package.json; `npm ci` installs it) in Debian's Chromium (CHROME_PATH) with its default mobile
emulation and simulated throttling, on the home page and a perangkat daerah page, several
times each. Reports per page the median scores of performance, accessibility and best
practices, the bytes of a first visit (transferred, i.e. gzip), whether the search index or
the search worker was loaded, and the targets of issue 12 (100 / >= 90 / 100, <= 120 KB).
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PAGES = {"Beranda": "", "Dinas Pendidikan": "unit/disdik/"}
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100}
FIRST_VISIT_LIMIT = 120 * 1024


def add_parser(sub) -> None:
    b = sub.add_parser("bench-lighthouse", help="ukur situs demo dengan Lighthouse (seluler) di belakang server gzip (bukan tes)")
    b.add_argument("--situs", metavar="FOLDER", help="situs yang sudah dibangun (bawaan: bangun situs demo ke folder sementara)")
    b.add_argument("--ulang", type=int, default=3, dest="repeat", help="ulangan per halaman; median dilaporkan (bawaan 3)")
    b.add_argument("--laporan", metavar="FOLDER", dest="keep", help="simpan laporan JSON Lighthouse di folder ini")
    b.add_argument("--akar", dest="root", metavar="FOLDER", help="repositori (bawaan: repositori ini)")
    b.set_defaults(func=run)


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Static files; text compressed with gzip when the browser accepts it (as any static host)."""

    def log_message(self, *args) -> None:  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in TEXT or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not path.is_file()):
            return super().send_head()
        data = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        import io

        return io.BytesIO(data)


def serve(folder: Path):
    handler = lambda *a, **k: _Gzip(*a, directory=str(folder), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _lighthouse(root: Path) -> Path | None:
    exe = root / "node_modules" / ".bin" / "lighthouse"
    return exe if exe.exists() else None


def _chrome() -> str | None:
    return os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def measure(exe: Path, url: str, out: Path, chrome: str) -> dict:
    """One Lighthouse run (mobile, simulated throttling) -> the figures this benchmark reports."""
    proc = subprocess.run([str(exe), url, "--quiet", "--output=json", f"--output-path={out}",
                           "--only-categories=performance,accessibility,best-practices",
                           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                          env=dict(os.environ, CHROME_PATH=chrome), capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError((proc.stderr or proc.stdout).strip()[-1500:])
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    requests = [r.get("url", "") for r in (audits.get("network-requests", {}).get("details", {}) or {}).get("items", [])]
    failing = {cat: [a["id"] for a in report["categories"][cat]["auditRefs"]
                     if a.get("weight") and (audits[a["id"]].get("score") is not None) and audits[a["id"]]["score"] < 1]
               for cat in ("accessibility", "best-practices")}
    return {
        "scores": {k: round(v["score"] * 100) for k, v in report["categories"].items()},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "search_index": any("search_index.json" in u for u in requests),
        "search_worker": any("/workers/search." in u for u in requests),
        "fcp": audits["first-contentful-paint"]["displayValue"],
        "lcp": audits["largest-contentful-paint"]["displayValue"],
        "tbt": audits["total-blocking-time"]["displayValue"],
        "cls": audits["cumulative-layout-shift"]["displayValue"],
        "failing": failing,
        "version": report.get("lighthouseVersion"),
    }


def run(args) -> int:
    from kinerja.cli import resolve_root
    from kinerja.commands.bench import machine

    root = resolve_root(args.root)
    exe, chrome = _lighthouse(root), _chrome()
    if exe is None:
        print("kinerja bench-lighthouse: Lighthouse tidak ditemukan di node_modules; jalankan `npm ci` di repositori ini.", file=sys.stderr)
        return 2
    if chrome is None:
        print("kinerja bench-lighthouse: Chromium tidak ditemukan; pasang paket chromium atau isi CHROME_PATH.", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="kinerja-lighthouse-"))
    try:
        if args.situs:
            site = Path(args.situs)
        else:
            site = work / "situs"
            build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=root,
                                   capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
            if build.returncode != 0:
                print(f"kinerja bench-lighthouse: situs demo gagal dibangun:\n{build.stderr[-2000:]}", file=sys.stderr)
                return 1
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"Mesin: {machine()}; Chromium {chrome}; server gzip lokal {base}")
        failed = False
        try:
            for name, path in PAGES.items():
                runs = []
                for i in range(args.repeat):
                    out = work / f"{name.replace(' ', '-')}-{i}.json"
                    runs.append(measure(exe, base + path, out, chrome))
                    if args.keep:
                        Path(args.keep).mkdir(parents=True, exist_ok=True)
                        shutil.copy2(out, Path(args.keep) / out.name)
                med = {k: statistics.median(r["scores"][k] for r in runs) for k in TARGETS}
                size = statistics.median(r["bytes"] for r in runs)
                last = runs[-1]
                print(f"\n{name} (/{path}), Lighthouse {last['version']}, seluler, {len(runs)} kali (median):")
                for k, target in TARGETS.items():
                    ok = med[k] >= target
                    failed |= not ok
                    print(f"  {k:15} {med[k]:5.0f}  (semua: {', '.join(str(r['scores'][k]) for r in runs)}; target {'≥ ' if k == 'performance' else ''}{target}) "
                          f"{'memenuhi' if ok else 'TIDAK memenuhi'}")
                ok = size <= FIRST_VISIT_LIMIT
                failed |= not ok
                print(f"  kunjungan pertama {size / 1024:6.1f} KB terkirim (gzip), {last['requests']} permintaan; target ≤ 120 KB "
                      f"{'memenuhi' if ok else 'TIDAK memenuhi'}")
                lazy = not any(r["search_index"] or r["search_worker"] for r in runs)
                failed |= not lazy
                print(f"  indeks pencarian/pekerja pencarian dimuat saat kunjungan pertama: {'tidak' if lazy else 'YA'}")
                print(f"  FCP {last['fcp']}, LCP {last['lcp']}, TBT {last['tbt']}, CLS {last['cls']}")
                for cat, ids in last["failing"].items():
                    if ids:
                        print(f"  audit {cat} yang belum lulus: {', '.join(ids)}")
        finally:
            server.shutdown()
        return 1 if failed else 0
    except RuntimeError as exc:
        print(f"kinerja bench-lighthouse: Lighthouse gagal: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
