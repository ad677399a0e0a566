"""The integrity payload of a document (QR code and PDF metadata) and its verification.

    KT1;j=<kind>;t=<tahun>;p=<periode or ->;s=<stem>;c=<commit>;h=<content hash>;b=<blob>,<blob>,...

`h` is the SHA-256 (first 32 hex digits) of the document's canonical content — its data as
sorted JSON plus the sorted list of input paths — and `b` the first 16 hex digits of the git
blob id of every input file, in path order. Verification rebuilds the document from the
repository at commit `c` and compares; for a PDF it also re-renders it, since the same
commit always gives the same bytes. This checks integrity: it is not an electronic
signature.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

VERSION = "KT1"
BLOB_DIGITS = 16
_FIELD = re.compile(r"^[a-z]=[^;]*$")


class BadPayload(Exception):
    pass


@dataclass(frozen=True)
class Payload:
    kind: str
    tahun: int
    periode: str | None
    stem: str
    commit: str
    digest: str
    blobs: tuple[str, ...]

    def encode(self) -> str:
        return ";".join((
            VERSION,
            f"j={self.kind}",
            f"t={self.tahun}",
            f"p={self.periode or '-'}",
            f"s={self.stem}",
            f"c={self.commit}",
            f"h={self.digest}",
            "b=" + ",".join(self.blobs),
        ))


def digest(data: dict, inputs) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" + "\n".join(sorted(inputs))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def make(content, commit: str, blobs: dict[str, str]) -> Payload:
    return Payload(
        content.kind,
        content.tahun,
        content.periode,
        content.stem,
        commit,
        digest(content.data, content.inputs),
        tuple(blobs.get(p, "0" * 40)[:BLOB_DIGITS] for p in sorted(content.inputs)),
    )


def decode(text: str) -> Payload:
    text = (text or "").strip()
    parts = text.split(";")
    if len(parts) != 8 or parts[0] != VERSION or not all(_FIELD.match(p) for p in parts[1:]):
        raise BadPayload("kode ini bukan kode dokumen Kinerja Terbuka (harus diawali KT1; dan berisi 7 bagian)")
    f = dict(p.split("=", 1) for p in parts[1:])
    if set(f) != {"j", "t", "p", "s", "c", "h", "b"}:
        raise BadPayload("bagian kode dokumen tidak lengkap")
    if not re.fullmatch(r"[0-9a-f]{40}", f["c"]) or not re.fullmatch(r"[0-9a-f]{32}", f["h"]) or not f["t"].isdigit():
        raise BadPayload("commit, sidik isi atau tahun pada kode dokumen tidak sah")
    blobs = tuple(b for b in f["b"].split(",") if b)
    if not all(re.fullmatch(r"[0-9a-f]{16}", b) for b in blobs):
        raise BadPayload("identitas berkas masukan pada kode dokumen tidak sah")
    return Payload(f["j"], int(f["t"]), None if f["p"] == "-" else f["p"], f["s"], f["c"], f["h"], blobs)


def from_pdf(raw: bytes) -> str:
    """The payload a PDF carries in its metadata (Keywords)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        meta = PdfReader(io.BytesIO(raw)).metadata or {}
    except (PyPdfError, ValueError, OSError) as exc:
        raise BadPayload(f"berkas ini tidak dapat dibaca sebagai PDF ({type(exc).__name__})") from None
    keywords = str(meta.get("/Keywords") or "")
    m = re.search(VERSION + r";\S+", keywords)
    if m:
        return m.group(0).rstrip(",")
    raise BadPayload("PDF ini tidak memuat kode dokumen Kinerja Terbuka di metadatanya")
