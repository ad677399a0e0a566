"""Contact data in complaint and survey text (Indonesian forms): detected, refused by
validation with its line, and redacted by the public projection if it ever gets past."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.suara.privacy import HIDDEN, find, redact

# Each as people in Batang Hari write them; the expected kind written by hand.
CONTACTS = [
    ("(0743) 21234", "nomor telepon"),  # Muara Bulian: area code in brackets, 5-digit local number
    ("(0743)21234", "nomor telepon"),
    ("(021) 555-1234", "nomor telepon"),
    ("(0741) 7553-123", "nomor telepon"),
    ("0743-21234", "nomor telepon"),
    ("0743 21234", "nomor telepon"),
    ("+62 743 21234", "nomor telepon"),
    ("+62 (743) 21234", "nomor telepon"),
    ("+62 21 5551234", "nomor telepon"),  # Jakarta's 2-digit area code after +62
    ("+62 (0)812 3456 7890", "nomor telepon"),
    ("+62-812-3456-7890", "nomor telepon"),
    ("+6281234567890", "nomor telepon"),
    ("0812-3456-7890", "nomor telepon"),
    ("0812 3456 7890", "nomor telepon"),
    ("0812.3456.7890", "nomor telepon"),
    ("081234567890", "nomor telepon"),
    ("telp. 21234", "nomor telepon", "telp. "),  # a local number named as a phone
    ("HP: 812345678", "nomor telepon", "HP: "),
    ("WA 81234567", "nomor telepon", "WA "),
    ("faks 21235", "nomor telepon", "faks "),
    ("warga.contoh@example.com", "alamat surel"),
    ("budi (at) dukcapil.go.id", "alamat surel"),
    ("budi [at] dukcapil [dot] go [dot] id", "alamat surel"),
    ("3504 1234 5678 0001", "NIK (16 angka)"),
    ("19920723 201903 2 011", "NIP (18 angka)"),
]

ORDINARY = [
    "Antrean 14 14 14 orang di loket 3",
    "Diterima 2026-09-07, dijanjikan 07-09-2026 pukul 08.00-12.00 WIB",
    "Biaya Rp 50.000 dan Rp 1.500.000 ditarik tanpa kuitansi",
    "Ruang (2) lantai 3, antre 120 orang (semester 1)",
    "Layanan 14 hari kerja (sejak 2026-01-05), selesai 20 menit sampai 14.30",
    "SK 800/123/2026 tentang standar pelayanan",
    "Loket buka 7/9/2026; nomor antrean 045",
]


@pytest.mark.parametrize("row", CONTACTS, ids=lambda r: r[0])
def test_contact_forms_are_seen_and_redacted(row):
    contact, what, kept = (*row, "")[:3]  # `kept`: the word naming a phone stays, the number goes
    text = f"Pemohon minta dihubungi di {contact} setelah KTP-el jadi."
    assert find(text) == (what, 1)
    out = redact(text)
    assert out == f"Pemohon minta dihubungi di {kept}{HIDDEN} setelah KTP-el jadi."


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_numbers_stay(text):
    assert find(text) is None and redact(text) == text


def test_the_line_is_the_contacts_line():
    assert find("Baris satu.\nBaris dua.\nHubungi (0743) 21234.") == ("nomor telepon", 3)
    assert redact("a (0743) 21234 b\nc 0812-3456-7890") == f"a {HIDDEN} b\nc {HIDDEN}"


# --- open-ended: any mobile or landline written in the usual ways -----------------------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,", max_size=30)
DIGITS = st.text(alphabet="0123456789", min_size=1)


@st.composite
def landline(draw):
    """An area code (0 + 2 digits with a 7-8 digit local number, as Jakarta's 021; 0 + 3 digits
    with 5-8, as Muara Bulian's 0743), in one of the written forms."""
    code = draw(st.text(alphabet="0123456789", min_size=1, max_size=2))
    area = "0" + draw(st.text(alphabet="123456789", min_size=1, max_size=1)) + code
    shortest = 6 if len(code) == 1 else 4
    local = draw(st.text(alphabet="123456789", min_size=1, max_size=1)) + draw(st.text(alphabet="0123456789", min_size=shortest, max_size=7))
    form = draw(st.sampled_from(["({a}) {l}", "({a}){l}", "{a}-{l}", "{a} {l}", "+62 {b} {l}", "+62 ({b}) {l}", "+62{b}{l}"]))
    return form.format(a=area, l=local, b=area[1:])


@st.composite
def mobile(draw):
    rest = draw(st.text(alphabet="0123456789", min_size=7, max_size=10))
    number = "8" + draw(st.text(alphabet="1235789", min_size=1, max_size=1)) + rest
    groups = [number[:3], number[3:7], number[7:]] if len(number) > 7 else [number]
    sep = draw(st.sampled_from([" ", "-", ".", ""]))
    prefix = draw(st.sampled_from(["0", "+62 ", "+62", "62", "+62 (0)"]))
    return prefix + sep.join(g for g in groups if g)


@settings(deadline=None, max_examples=300)
@given(WORDS, st.one_of(landline(), mobile()), WORDS)
def test_any_phone_is_seen_and_fully_redacted(before, number, after):
    text = f"{before} {number} {after}"
    hit = find(text)
    assert hit is not None and hit[0] == "nomor telepon", (text, hit)
    out = redact(text)
    # not one digit of the number is left on the public side
    assert re.sub(r"[^0-9]", "", out) == re.sub(r"[^0-9]", "", before + after), (text, out)


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=200))
def test_redaction_leaves_nothing_that_find_sees(text):
    out = redact(text)
    assert find(out) is None, (text, out)
    if find(text) is None:
        assert out == text


# --- the projection: second line of defence (validation switched off) -------------------------

def test_projection_redacts_contact_data_that_validation_missed(demo, monkeypatch, tmp_path):
    from kinerja.publish import generate
    from kinerja.suara import checks

    monkeypatch.setattr(checks, "_text", lambda *a, **k: None)
    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    secrets = {
        "complaints/2026/2026-0002.yml": [
            ("perekaman KTP-el di loket depan", "perekaman KTP-el (telp. pelapor (0743) 21234) di loket depan"),
            ("Diteruskan ke Bidang Pelayanan Pendaftaran Penduduk.", "Diteruskan; pelapor: budi [at] contoh [dot] id."),
        ],
        "complaints/2026/2026-0001.yml": [
            ("Pengadaan blangko KTP-el dipercepat", "Pengadaan blangko KTP-el (hubungi +62 812-3456-7890) dipercepat"),
        ],
    }
    for rel, edits in secrets.items():
        text = (demo / rel).read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text
            text = text.replace(old, new)
        (demo / rel).write_text(text, encoding="utf-8")
    site = generate(demo, jobs=1)
    texts = {name: (c.decode("utf-8", "replace") if isinstance(c, bytes) else c) for name, c in site.files.items()}
    # the edited texts are published at all (else nothing is tested), with the contact hidden
    assert any(f"perekaman KTP-el (telp. pelapor {HIDDEN}) di loket depan" in t for t in texts.values())
    assert any(f"Diteruskan; pelapor: {HIDDEN}." in t for t in texts.values())
    assert any(f"Pengadaan blangko KTP-el (hubungi {HIDDEN}) dipercepat" in t for t in texts.values())
    needles = ("21234", "3456-7890", "[dot] id", "budi [at]")
    leaked = sorted(name for name, t in texts.items() for n in needles if n in t)
    assert leaked == []
