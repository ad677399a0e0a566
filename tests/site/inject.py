"""Put XSS payloads into every free-text field of a copy of the demo data, keeping every
file schema-valid.

A field is free text when its schema says `type: string` with no pattern, enum, const or
format (ids, dates, URLs and codes are constrained and cannot carry markup). The data is
read with the project's own loader and the schemas in schemas/ (local $refs inlined), and
written back as plain YAML. Fields that must never be published get a PRIVAT-<n> marker in
front of the payload, so the privacy test can look for it in the built site.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import yaml

from kinerja.layout import classify
from kinerja.loader import load_bytes
from kinerja.model.schemas import inline_refs

PRIVATE_KEYS = {"umpan_balik", "catatan", "kendala", "alasan", "dasar"}
NEWLINE = "⏎"


def load_payloads(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.replace(NEWLINE, "\n"))
    return out


def _schemas(root: Path) -> dict[str, dict]:
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (root / "schemas").glob("*.schema.json")}
    return {name: inline_refs(doc, docs, name) for name, doc in docs.items()}


def _branches(schema: dict) -> list[dict]:
    out = [schema]
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, ()):
            out += _branches(sub)
    for key in ("then", "else"):
        if isinstance(schema.get(key), dict):
            out += _branches(schema[key])
    return out


def _child(schema: dict, key) -> dict | None:
    for b in _branches(schema):
        if isinstance(key, int):
            if isinstance(b.get("items"), dict):
                return b["items"]
        else:
            if key in b.get("properties", {}) and isinstance(b["properties"][key], dict):
                return b["properties"][key]
    for b in _branches(schema):
        if not isinstance(key, int) and isinstance(b.get("additionalProperties"), dict):
            return b["additionalProperties"]
    return None


def _free_text(schema: dict) -> int | None:
    """maxLength when this schema allows free text, else None."""
    for b in _branches(schema):
        types = b.get("type")
        is_string = types == "string" or (isinstance(types, list) and "string" in types)
        if is_string and not any(k in b for k in ("pattern", "enum", "const", "format")):
            return b.get("maxLength", 5000)
    return None


def inject(root: Path, payloads: list[str]) -> dict:
    """Rewrite every data file under `root`; returns counts and the private markers used."""
    schemas = _schemas(root)
    cycle = itertools.cycle(range(len(payloads)))
    stats = {"files": 0, "fields": 0, "private": [], "used": set()}
    folders = ("organisation", "plans", "evaluations", "unit-results", "complaints", "surveys")
    for path in sorted(p for f in folders for p in (root / f).rglob("*.yml")):
        rel = path.relative_to(root).as_posix()
        c = classify(rel)
        if c is None or c.kind.name == "publication":
            continue
        data = load_bytes(path.read_bytes()).data
        schema = schemas[c.kind.schema]

        def walk(node, sch, key_name):
            if isinstance(node, dict):
                return {k: walk(v, _child(sch, k) or {}, k) for k, v in node.items()}
            if isinstance(node, list):
                return [walk(v, _child(sch, i) or {}, key_name) for i, v in enumerate(node)]
            if isinstance(node, str):
                limit = _free_text(sch)
                if limit is None:
                    return node
                i = next(cycle)
                stats["used"].add(i)
                stats["fields"] += 1
                prefix = ""
                if key_name in PRIVATE_KEYS:
                    prefix = f"PRIVAT-{len(stats['private']):04d} "
                    stats["private"].append(prefix.strip())
                text = f"{prefix}{node[:40]} {payloads[i]}"
                return text[:limit]
            return node

        new = walk(data, schema, None)
        # evidence not marked public: its description is private too
        for report in (new.get("realisasi") or {}).get("hasil_kerja", []) if isinstance(new, dict) else []:
            for b in report.get("bukti_dukung", []):
                if not b.get("publik"):
                    marker = f"PRIVAT-{len(stats['private']):04d}"
                    stats["private"].append(marker)
                    b["keterangan"] = f"{marker} {b.get('keterangan', '')}"[:500]
        path.write_text(yaml.safe_dump(new, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
        stats["files"] += 1
    return stats
