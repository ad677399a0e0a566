"""A NIP in a complaint's or survey's public text is reported once (issue 14's cost work):
the suara check (NIK, NIP, phone, e-mail) reads those fields, so the generic free-text NIP
check skips exactly them and keeps reading every other field of the file."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.findings import has_nip
from kinerja.suara import privacy
from kinerja.validate import validate

NIP = "199207232019032011"
COMPLAINT = "complaints/2026/2026-0002.yml"
KETERANGAN = 'keterangan: "Diteruskan ke Bidang Pelayanan Pendaftaran Penduduk."'
RINGKASAN = 'ringkasan: "Antrean perekaman KTP-el'


def _edit(repo, rel, old, new) -> str:
    text = (repo / rel).read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    (repo / rel).write_text(text, encoding="utf-8")
    return text


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _about(findings, rel):
    return [(f.code, f.line) for f in findings if f.file == rel and f.code in ("text-nip", "suara-personal-data")]


def test_a_nip_in_a_status_note_is_one_finding(demo):
    text = _edit(demo, COMPLAINT, KETERANGAN, f'keterangan: "Ditangani petugas {NIP}."')
    _, findings = validate(demo, [COMPLAINT], use_cache=False)
    assert _about(findings, COMPLAINT) == [("suara-personal-data", _line(text, NIP))]


def test_a_nip_in_the_summary_is_one_finding(demo):
    text = _edit(demo, COMPLAINT, RINGKASAN, f'ringkasan: "Petugas 19920723 201903 2 011 menolak. Antrean perekaman KTP-el')
    _, findings = validate(demo, [COMPLAINT], use_cache=False)
    assert _about(findings, COMPLAINT) == [("suara-personal-data", _line(text, "19920723 201903"))]


def test_a_nip_in_a_field_the_suara_check_does_not_read_is_still_refused(demo):
    # nomor_lapor is private text, not public text: the suara check does not read it, the generic check does
    text = _edit(demo, COMPLAINT, "kanal: langsung", f'kanal: langsung\nnomor_lapor: "LPR-{NIP}"')
    _, findings = validate(demo, [COMPLAINT], use_cache=False)
    assert _about(findings, COMPLAINT) == [("text-nip", _line(text, "nomor_lapor"))]


_pieces = st.lists(st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=20),
    st.sampled_from([" ", "-", ".", "/", "(", ")", "+", "@", ":", "NIP ", "hp ", "a", "62", "0"]),
    st.text(max_size=4),
), max_size=12).map("".join)


@settings(deadline=None, max_examples=400)
@given(_pieces)
def test_the_suara_check_finds_every_nip_the_generic_check_would(text):
    # the reason the generic check may skip public text: nothing it would refuse gets through
    if has_nip(text):
        assert privacy.find(text) is not None
