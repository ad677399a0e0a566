"""A NIP typed into free text (issue 11 item 10): refused by validation with its line, and
redacted by the public projection if it ever gets past validation (second line of defence)."""

from __future__ import annotations

import pytest
from vhelpers import check, edit, line_of, of_code

from kinerja.findings import has_nip

NIP = "199207232019032011"  # the demo's fictitious NIP shape (valid birth date, appointment, gender)
SPACED = "19920723 201903 2 011"
PLAN = "plans/2026/disdik-0042.yml"
EVAL = "evaluations/2026/triwulan_2/disdik-0042.yml"
RHK_TEXT = "Terlaksananya program pembelajaran inovatif"
NOTE = "Laporan pameran karya tulis siswa"


@pytest.mark.parametrize("nip", [NIP, SPACED, "NIP" + NIP, "3201012345678901"])  # 16 digits: an NIK
@pytest.mark.parametrize("rel, needle", [(PLAN, RHK_TEXT), (EVAL, NOTE)])
def test_nip_in_free_text_is_refused_with_the_line(demo, rel, needle, nip):
    edit(demo, rel, needle, f"{needle} (pegawai {nip})")
    findings = check(demo)
    hits = of_code(findings, "text-nip", rel)
    assert [f.line for f in hits] == [line_of(demo, rel, needle)], [(f.file, f.line, f.code) for f in findings]
    assert hits[0].severity == "error"
    assert all(nip not in f.message and nip.replace(" ", "") not in f.message for f in findings)


def test_the_nip_field_and_links_are_not_free_text(demo):
    # the person file's own nip field is checked by check_nip; a document link may carry a long numeric id
    edit(demo, EVAL, "https://dokumen.batanghari.example/sdn12/kelas-literasi-sungai/pameran-karya.pdf",
         "https://dokumen.batanghari.example/d/12345678901234567890/pameran-karya.pdf")
    assert of_code(check(demo), "text-nip") == []


def test_short_numbers_are_not_nips(demo):
    edit(demo, PLAN, RHK_TEXT, f"{RHK_TEXT} tahun 2026 (SK 800/123/2026, 15 sekolah, kode 123456789012345)")
    assert of_code(check(demo), "text-nip") == []


def test_projection_redacts_a_nip_that_validation_missed(demo, monkeypatch, tmp_path):
    """Validation is switched off for this rule (as if a bug let the text through): no public
    file (pages, search text, CSV, JSON) may carry the number."""
    from kinerja.check import document
    from kinerja.publish import generate

    monkeypatch.setattr(document, "check_free_text", lambda *a, **k: None)
    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    edit(demo, PLAN, RHK_TEXT, f"{RHK_TEXT} {NIP}")
    edit(demo, EVAL, NOTE, f"{NOTE} {SPACED}")
    site = generate(demo, jobs=1)
    texts = {name: (c.decode("utf-8", "replace") if isinstance(c, bytes) else c) for name, c in site.files.items()}
    assert any(RHK_TEXT in t for t in texts.values()), "the edited text is published at all (else nothing is tested)"
    assert any(NOTE in t for t in texts.values())
    leaked = sorted(name for name, t in texts.items() if NIP in t or SPACED in t or has_nip(t))
    assert leaked == []
    assert any(f"{RHK_TEXT} (disembunyikan)" in t for t in texts.values())


def test_the_keyed_nip_hash_is_not_free_text(demo):
    # a hex HMAC may hold 16 digits in a row by chance; it is not text anyone typed
    edit(demo, "organisation/people/disdik-0042.yml", "status_kepegawaian: pns\n",
         "status_kepegawaian: pns\nsidik_nip: \"" + "1234567890123456" + "ab" * 24 + "\"\n")
    assert of_code(check(demo), "text-nip") == []


# A NIP written with escape sequences of a double-quoted scalar has no eight digits in a row in
# the file's bytes: the raw pre-check (findings.raw_may_hold_nip) must still send the file through the walk.
@pytest.mark.parametrize("written", [
    "".join(f"\\x{ord(ch):02x}" for ch in NIP),      # \x31\x39...
    "".join(f"\\u{ord(ch):04x}" for ch in NIP),      # \u0031\u0039...
    NIP[:9] + "\\\n      " + NIP[9:],                # a line ending in a backslash joins the two halves
], ids=["hex", "unicode", "continued-line"])
def test_nip_written_with_escapes_is_refused(demo, written):
    edit(demo, PLAN, RHK_TEXT, f"{RHK_TEXT} (pegawai {written})")
    hits = of_code(check(demo), "text-nip", PLAN)
    assert [f.line for f in hits] == [line_of(demo, PLAN, RHK_TEXT)]
