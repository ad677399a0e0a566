"""The MkDocs hook (mkdocs.yml: `hooks: [scripts/kinerja/publish/hook.py]`): a thin adapter.

All generation happens in kinerja.publish.generate(), a plain function (also behind
`kinerja site --keluaran DIR`). This file only:
- on_config: runs the generator, sets SOURCE_DATE_EPOCH from the commit time when the
  environment does not set it, puts the footer values into `extra.kinerja`, and supplies
  the navigation when mkdocs.yml has none;
- on_files: refuses symlinked files (MkDocs would copy their targets into the site), then
  adds the generated files with File.generated(config, path, content=...);
- on_page_markdown / on_page_content: lift each raw HTML block of a generated page out before
  Markdown runs and put it back, verbatim, into the rendered page. The blocks are already
  final HTML; Python-Markdown would only re-parse them with its HTML parser (over half of a
  5,000-person build) and, by design, leave them as they are. User text then never meets
  the Markdown parser at all. `kinerja site --keluaran` keeps the blocks in the Markdown.
- on_serve: watches the data folders so `mkdocs serve` rebuilds when a YAML file changes.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import sys
from pathlib import Path

# Build with this repository's own code (a fresh clone may not have it installed yet).
_SCRIPTS = Path(__file__).resolve().parents[2]
if "kinerja" not in sys.modules and (_SCRIPTS / "kinerja" / "__init__.py").is_file() and str(_SCRIPTS) not in sys.path:
    sys.path.insert(0, str(_SCRIPTS))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

log = logging.getLogger("mkdocs.plugins.kinerja")
_state: dict = {"site": None, "epoch_ours": False, "blocks": {}, "nonce": secrets.token_hex(8)}
WATCHED = ("organisation", "plans", "evaluations", "unit-results", "rules", "schemas")


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _symlinks_under(base: Path, stop_at: Path | None = None) -> list[str]:
    """Symlinks inside `base` (never followed), as paths relative to `base`."""
    out = []
    if base.is_symlink():
        return [str(base)]
    for folder, dirs, files in os.walk(base, followlinks=False):
        for name in dirs + files:
            p = Path(folder) / name
            if p.is_symlink():
                out.append(p.relative_to(base).as_posix())
    return sorted(out)


def _handwritten(docs_dir: Path, config) -> list[str]:
    out = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (Path(folder) == docs_dir and d == "overrides")]
        for name in files:
            if name.endswith(".md"):
                out.append((Path(folder) / name).relative_to(docs_dir).as_posix())
    return sorted(out)


def on_config(config):
    from kinerja.model.schemas import SchemaSetupError
    from kinerja.publish import SiteError, footer_values, generate
    from kinerja.publish.policy import PolicyError

    root = _root(config)
    docs_dir = Path(config.docs_dir)
    links = _symlinks_under(docs_dir)
    if links:
        raise PluginError(
            "Situs tidak dibangun: folder situs berisi tautan simbolik (symlink), yang akan menyalin isi berkas "
            "tujuannya ke situs publik. Ganti dengan berkas biasa: " + ", ".join(links)
        )
    if not config.use_directory_urls:
        raise PluginError("Kinerja Terbuka membuat tautan antarhalaman untuk use_directory_urls: true; jangan ubah pengaturan itu.")
    try:
        site = generate(root, handwritten=_handwritten(docs_dir, config))
    except (PolicyError, SiteError, SchemaSetupError) as exc:
        raise PluginError(str(exc)) from None
    if site.build.epoch is not None and ("SOURCE_DATE_EPOCH" not in os.environ or _state["epoch_ours"]):
        os.environ["SOURCE_DATE_EPOCH"] = str(site.build.epoch)
        _state["epoch_ours"] = True
    config.extra["kinerja"] = footer_values(site.build)
    if config.nav is None:
        config.nav = site.nav
    for w in site.warnings:
        log.warning(w)
    log.info("Kinerja Terbuka: %d berkas dibuat (%s)", len(site.files),
             ", ".join(f"{k} {v:.1f} s" for k, v in site.timings.items()))
    _state["site"] = site
    return config


def on_files(files, config):
    site = _state["site"]
    if site is None:
        raise PluginError("Kinerja Terbuka: generator belum berjalan (on_config).")
    for f in files:
        if f.src_dir is None or f.abs_src_path is None:
            continue
        base, path = Path(f.src_dir), Path(f.abs_src_path)
        cursor = path
        while cursor != base and base in cursor.parents:
            if cursor.is_symlink():
                raise PluginError(f"Situs tidak dibangun: {path} adalah atau berada di bawah tautan simbolik (symlink). Ganti dengan berkas biasa.")
            cursor = cursor.parent
    hidden = set(site.not_in_nav)
    for path, content in sorted(site.files.items()):
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"Situs tidak dibangun: site/{path} ditulis tangan, padahal halaman itu dibuat otomatis dari data. Pindahkan atau ganti namanya.")
        inclusion = InclusionLevel.NOT_IN_NAV if path in hidden else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    return files


def on_page_markdown(markdown, page, config, files):
    site = _state["site"]
    src = page.file.src_uri
    if site is None or src not in site.files:
        return markdown  # a hand-written page: Markdown as its author wrote it
    # html.block() writes each block as one line starting with "<div", blank lines around;
    # user text inside is escaped, so no other line of a generated page can start with "<".
    lifted: list[str] = []
    nonce = _state["nonce"]

    def lift(m: re.Match) -> str:
        lifted.append(m.group(0))
        return f"KTBLOK{nonce}X{len(lifted) - 1}"

    markdown = _BLOCK_LINE.sub(lift, markdown)
    _state["blocks"][src] = lifted
    return markdown


# A link to another site written in a hand-written page (a guide) gets the same rel as the
# generated pages' links, so no page passes on ranking or window.opener to another host.
_EXTERNAL = re.compile(r'<a href="(https?://[^"]*)"(?=[\s>])(?![^>]*\brel=)')


def on_page_content(html, page, config, files):
    html = _EXTERNAL.sub(r'<a href="\1" rel="nofollow noopener"', html)
    lifted = _state["blocks"].pop(page.file.src_uri, None)
    if lifted is None:
        return html
    pattern = re.compile(r"<p>KTBLOK" + _state["nonce"] + r"X([0-9]+)</p>")
    used = set()

    def put_back(m: re.Match) -> str:
        used.add(int(m.group(1)))
        return lifted[int(m.group(1))]

    html = pattern.sub(put_back, html)
    if len(used) != len(lifted):
        raise PluginError(f"Kinerja Terbuka: {len(lifted) - len(used)} blok HTML hilang di halaman {page.file.src_uri}.")
    return html


_BLOCK_LINE = re.compile(r"^<div[^\n]*$", re.M)


def on_serve(server, config, builder):
    root = _root(config)
    for folder in WATCHED:
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
