"""NIPs in imported rows: shape checks and the keyed hash (sidik) that replaces them.

A NIP is 18 digits: birth date (YYYYMMDD), first appointment (YYYYMM) and gender (1/2) and
a 3-digit sequence for a PNS; an NI PPPK starts with the birth date too. A plain hash of
such a structured number is brute-forced in minutes, so the repository keeps only
HMAC-SHA256(key, NIP) with a key the regency keeps outside the repository (an environment
variable or a file given by flag). Nothing here ever returns or prints the NIP itself.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from datetime import date
from pathlib import Path

KEY_ENV = "KINERJA_KUNCI_NIP"
MIN_KEY_BYTES = 16


class KeyError_(Exception):
    """The key is missing, too short, or kept inside the repository (a usage problem)."""


def load_key(root: Path, key_file: str | None) -> bytes | None:
    """The HMAC key from --kunci-nip FILE, else $KINERJA_KUNCI_NIP, else None."""
    if key_file:
        path = Path(key_file).expanduser().absolute()
        try:
            path.resolve().relative_to(root.resolve())
            inside = True
        except ValueError:
            inside = False
        if inside:
            raise KeyError_(f"Berkas kunci NIP {key_file} berada di dalam repositori: semua anggota dapat membacanya. Simpan di luar repositori.")
        try:
            key = path.read_bytes().strip()
        except OSError as exc:
            raise KeyError_(f"Berkas kunci NIP {key_file} tidak dapat dibaca ({exc.strerror or type(exc).__name__}).") from None
    else:
        text = os.environ.get(KEY_ENV)
        if not text:  # unset or empty: no key
            return None
        key = text.strip().encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise KeyError_(
            f"Kunci NIP terlalu pendek ({len(key)} byte; minimal {MIN_KEY_BYTES}). Buat kunci acak, misalnya: "
            "python3 -c \"import secrets; print(secrets.token_hex(32))\" > ~/kunci-nip.txt"
        )
    return key


def sidik(key: bytes, nip: str) -> str:
    return hmac.new(key, nip.encode("ascii"), hashlib.sha256).hexdigest()


def normalise(value) -> tuple[str | None, str | None]:
    """(nip, None) or (None, Indonesian problem). The problem never quotes the value."""
    if isinstance(value, bool) or not isinstance(value, str):
        return None, ("NIP tersimpan sebagai angka, sehingga spreadsheet dapat membulatkan digit terakhirnya. "
                      "Format kolom nip sebagai Teks dan ketik ulang NIP-nya.")
    digits = re.sub(r"[ .]", "", value)
    if not re.fullmatch(r"[0-9]{18}", digits):
        return None, "NIP harus tepat 18 angka (spasi boleh, huruf dan tanda lain tidak)."
    try:
        date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None, "8 angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH)."
    if digits[14] not in "12":
        return None, "angka ke-15 NIP harus 1 atau 2."
    return digits, None
