"""The "Ajukan SKP" form as a perawat at a puskesmas writes it (issue 13 §2): a bare `rhk-1`
is answered with her penilai's RHK by id and text (never the head-of-perangkat-daerah
message), a finding of the validation names the form line it came from, one rejected line
does not make the lines that depend on it look wrong, the lampiran lists become the plan's
lampiran, and a field still holding the scaffold marker or the form's own example is flagged
like scaffold text in a plan.

Ns. Ratna Sari (dinkes-0020, kt-demo-dinkes-0020 / 91000060) writes her 2027 SKP. Her penilai
in 2027 is the Kepala Puskesmas dinkes-0011; the fixture gives him a 2027 draft plan with the
two RHK of his 2026 plan (texts copied here by hand from plans/2026/dinkes-0011.yml).
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from kthelpers import ROOT
from kinerja.loader import load_text
from kinerja.review import forms
from kinerja.review.convert import Converter

pytestmark = pytest.mark.xdist_group("forms")

RATNA = ("kt-demo-dinkes-0020", 91000060)
KAPUS_1 = "dinkes-0011/rhk-1 — «Meningkatnya kecepatan dan mutu pelayanan Puskesmas Muara Bulian»"
KAPUS_2 = "dinkes-0011/rhk-2 — «Meningkatnya cakupan imunisasi di wilayah kerja puskesmas»"
L_RHK = "Bagian «Rencana Hasil Kerja (RHK)»"
L_IKI = "Bagian «Indikator Kinerja Individu (IKI)»"
PLAN = "plans/2027/dinkes-0020.yml"
APPROVE = "Ya, minta persetujuan pejabat penilai (disetujui)"


def kapus_2027(text: str) -> str:
    text = text.replace("tahun: 2026", "tahun: 2027").replace("mulai: 2026-08-03", "mulai: 2027-01-01")
    return text.replace("selesai: 2026-12-31", "selesai: 2027-12-31").replace("status: disetujui", "status: draf")


@pytest.fixture
def repo(demo):
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo / ".github" / "ISSUE_TEMPLATE")
    (demo / "plans/2027").mkdir()
    src = (ROOT / "plans/2026/dinkes-0011.yml").read_text(encoding="utf-8")
    (demo / "plans/2027/dinkes-0011.yml").write_text(kapus_2027(src), encoding="utf-8")
    return demo


def body(**fields) -> str:
    out = []
    for f in forms.template_fields(ROOT, forms.FORMS["skp"]):
        value = fields.get(f.id)
        out += [f"### {f.label}", "", value if value else "_No response_", ""]
    return "\n".join(out)


def submit(repo, **fields):
    values = dict(tahun="2027", pendekatan="kuantitatif", status="Belum, simpan sebagai draf") | fields
    return Converter(repo, date(2026, 11, 28)).run(forms.FORMS["skp"], body(**values), *RATNA, 31)


RHK = ("rhk-1 | utama | Terlaksananya asuhan keperawatan pasien poli umum dan UGD sesuai standar | dinkes-0011/rhk-1\n"
       "rhk-2 | tambahan | Terlaksananya imunisasi dasar lengkap bagi bayi di tiga posyandu | dinkes-0011/rhk-2")
IKI = ("rhk-1 | iki-1 | kuantitas | Jumlah pasien yang mendapat asuhan keperawatan tercatat | 1.800 pasien\n"
       "rhk-1 | iki-2 | kualitas | Persentase catatan asuhan keperawatan yang lengkap | 90%-100%\n"
       "rhk-2 | iki-1 | waktu | Waktu pelaporan imunisasi setelah akhir bulan | paling lambat 5 hari")


def test_a_bare_rhk_id_is_answered_with_the_penilais_rhk_by_id_and_text(repo):
    out = submit(repo, rhk=RHK.replace("| dinkes-0011/rhk-2", "| rhk-2"), iki=IKI)
    assert not out.ok and not (repo / PLAN).exists()
    assert out.problems == [
        f"{L_RHK} baris 2: kolom keempat “rhk-2” tidak menyebut atasannya; tulis RHK atasan yang diintervensi sebagai "
        f"id-atasan/id-rhk. Maksud Anda {KAPUS_2}? Pilihan lain: {KAPUS_1}."
    ]
    assert "kepala perangkat daerah" not in out.reply


def test_a_validation_finding_names_the_form_line_it_came_from(repo):
    # asking approval: a link that does not resolve is an error (in a draft, the same text is a warning)
    out = submit(repo, rhk=RHK.replace("dinkes-0011/rhk-2", "dinkes-0011/rhk-9"), iki=IKI, status=APPROVE)
    assert not out.ok
    assert len(out.problems) == 1 and out.problems[0].startswith(f"{L_RHK} baris 2: RHK rhk-2 mengacu ke “dinkes-0011/rhk-9”")
    # rhk-2 is about imunisasi: the supervisor's imunisasi RHK is offered first
    assert f"Maksud Anda {KAPUS_2}?" in out.problems[0] and out.problems[0].endswith("(cascade-missing)")


def test_the_rhk_of_someone_else_is_refused_with_the_penilai_and_the_choices(repo):
    out = submit(repo, rhk=RHK.replace("dinkes-0011/rhk-2", "disdik-0040/rhk-1"), iki=IKI)
    assert len(out.problems) == 1, out.problems  # not her penilai: an error even in a draft
    p = out.problems[0]
    assert p.startswith(f"{L_RHK} baris 2:") and "“disdik-0040” bukan pejabat penilai" in p
    assert "(pejabat penilai: dinkes-0011 (2027-01-01 s.d. 2027-12-31))" in p and f"Maksud Anda {KAPUS_2}?" in p


def test_several_realistic_mistakes_are_each_reported_once_and_nothing_else(repo):
    """RHK line 2 has a jenis the form does not know, RHK line 3 lost its link column, and the
    only IKI of rhk-1 has a target nobody can read with certainty. The IKI lines of rhk-2 and
    rhk-3 are right: they are not blamed for their RHK's lines, and rhk-1 is not said to have
    no IKI (its IKI line was refused, that is the one message)."""
    rhk = ("rhk-1 | utama | Terlaksananya asuhan keperawatan pasien poli umum sesuai standar | dinkes-0011/rhk-1\n"
           "rhk-2 | pokok | Terlaksananya imunisasi dasar lengkap bagi bayi di posyandu binaan | dinkes-0011/rhk-2\n"
           "rhk-3 | tambahan | Terlaksananya penyuluhan kesehatan di sekolah")
    iki = ("rhk-1 | iki-1 | kualitas | Persentase dokumentasi asuhan keperawatan yang lengkap | sekitar 90%\n"
           "rhk-2 | iki-1 | kuantitas | Jumlah bayi yang diimunisasi lengkap | 120 bayi\n"
           "rhk-3 | iki-1 | kuantitas | Jumlah sesi penyuluhan | 12 sesi")
    out = submit(repo, rhk=rhk, iki=iki)
    assert not out.ok
    where = [p.split(":", 1)[0] for p in out.problems]  # in the order she reads the form
    assert where == [f"{L_RHK} baris 2", f"{L_RHK} baris 3", f"{L_IKI} baris 1"], out.problems
    assert "“pokok”" in next(p for p in out.problems if "RHK)» baris 2" in p)
    assert "berisi 3 kolom" in next(p for p in out.problems if "RHK)» baris 3" in p)
    for follow_on in ("tidak ada di daftar RHK", "belum punya IKI"):
        assert not any(follow_on in p for p in out.problems), out.problems


def test_a_duplicated_rhk_line_is_one_message_and_its_ikis_stay_with_the_first(repo):
    rhk = RHK + "\nrhk-1 | tambahan | Terlaksananya penyuluhan kesehatan di sekolah | dinkes-0011/rhk-2"
    out = submit(repo, rhk=rhk, iki=IKI)
    assert out.problems == [f"{L_RHK} baris 3: Id RHK rhk-1 ditulis dua kali (pertama di baris 1); beri id lain."]


def test_the_lampiran_lists_become_the_plans_lampiran(repo):
    out = submit(repo, rhk=RHK, iki=IKI,
                 dukungan_sumber_daya="- Alat kesehatan dan bahan habis pakai poli umum\n\n* Pelatihan dokumentasi asuhan keperawatan elektronik",
                 skema_pertanggungjawaban="Realisasi dilaporkan setiap triwulan | dengan bukti dukung",
                 konsekuensi="Capaian menjadi dasar umpan balik dan penghargaan sesuai ketentuan")
    assert out.ok, out.problems
    data = load_text((repo / PLAN).read_text(encoding="utf-8")).data
    assert data["lampiran"] == {
        "dukungan_sumber_daya": ["Alat kesehatan dan bahan habis pakai poli umum",
                                 "Pelatihan dokumentasi asuhan keperawatan elektronik"],
        "skema_pertanggungjawaban": ["Realisasi dilaporkan setiap triwulan | dengan bukti dukung"],
        "konsekuensi": ["Capaian menjadi dasar umpan balik dan penghargaan sesuai ketentuan"],
    }
    assert data["hasil_kerja"][0]["indikator"][1]["target"] == {"min": 90, "maks": 100, "satuan": "%"}
    assert data["hasil_kerja"][1]["indikator"][0] == {"id": "iki-1", "aspek": "waktu", "uraian":
        "Waktu pelaporan imunisasi setelah akhir bulan", "target": {"nilai": 5, "satuan": "hari"},
        "lebih_kecil_lebih_baik": True}


def test_too_many_lampiran_lines_are_refused_at_the_first_one_over(repo):
    out = submit(repo, rhk=RHK, iki=IKI, konsekuensi="\n".join(f"Butir {i}" for i in range(1, 32)))
    assert out.problems == ["Bagian «Lampiran: konsekuensi» baris 31: terlalu banyak baris (paling banyak 30)."]


@pytest.mark.parametrize("status, accepted", [("Belum, simpan sebagai draf", True),
                                              ("Ya, minta persetujuan pejabat penilai (disetujui)", False)])
def test_the_scaffold_marker_and_the_forms_own_example_are_flagged_like_scaffold_text(repo, status, accepted):
    """As in a plan (check/document.py, plan-placeholder): a warning in a draft, refused when
    approval is asked. The example line is the template's own placeholder, read from the
    template, so the rule follows the form when its example changes."""
    example = next(f for f in forms.template_fields(ROOT, forms.FORMS["skp"]) if f.id == "rhk").placeholder.split("\n")[1]
    rhk = RHK.split("\n")[0] + "\n" + example
    iki = IKI.replace("Jumlah pasien yang mendapat", "[ISI] Jumlah pasien yang mendapat")
    out = submit(repo, rhk=rhk, iki=iki, status=status)
    flagged = out.warnings if accepted else out.problems
    assert any(p.startswith(f"{L_RHK} baris 2 sama persis dengan contoh di formulir") for p in flagged), flagged
    assert any(p.startswith(f"{L_IKI} baris 1 masih memuat tanda [ISI]") for p in flagged), flagged
    assert out.ok is accepted and (repo / PLAN).exists() is accepted
    if accepted:
        assert "sama persis dengan contoh" in out.reply  # the warning reaches her
        # the plan keeps what she wrote, marker included, and validation flags it again
        assert "[ISI] Jumlah pasien" in (repo / PLAN).read_text(encoding="utf-8")


def test_the_issue_forms_examples_come_from_a_puskesmas_a_front_office_and_a_school():
    skp = {f.id: f for f in forms.template_fields(ROOT, forms.FORMS["skp"])}
    text = (ROOT / ".github/ISSUE_TEMPLATE/ajukan-skp.yml").read_text(encoding="utf-8")
    assert "dinkes-0011/rhk-1" in skp["rhk"].placeholder  # the perawat's penilai in the demo
    assert "disdukcapil-0010/rhk-1" in text and "KTP-el" in text and "disdik-0040/rhk-1" in text
    for key in ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"):
        assert skp[key].type == "textarea" and skp[key].placeholder
    guide = (ROOT / "site/panduan/pegawai.md").read_text(encoding="utf-8")
    for words in ("Perawat", "Puskesmas", "Disdukcapil", "KTP-el", "SD Negeri"):
        assert words in guide, words


# --- Laporkan realisasi and Beri penilaian (a teacher of the demo school and her Kepala Sekolah) ---

SITI = ("kt-demo-siti", 91000042)
KEPSEK = ("kt-demo-kepsek-sdn12", 91000035)


def other_form(repo, form, who, **fields):
    out = []
    for f in forms.template_fields(ROOT, forms.FORMS[form]):
        value = fields.get(f.id)
        out += [f"### {f.label}", "", value if value else "_No response_", ""]
    return Converter(repo, date(2026, 11, 28)).run(forms.FORMS[form], "\n".join(out), *who, 32)


def test_a_realisasi_for_an_unknown_iki_names_its_line_and_the_rhks_own_iki(repo):
    out = other_form(repo, "realisasi", SITI, tahun="2026", periode="triwulan_4",
                     realisasi="rhk-1 | iki-1 | 6\nrhk-2 | iki-1 | 11\nrhk-2 | iki-9 | 6")
    assert not out.ok
    assert out.problems == [
        "Bagian «Realisasi per IKI» baris 3: IKI “iki-9” tidak ada di RHK rhk-2 pada plans/2026/disdik-0042.yml. "
        "Maksud Anda iki-1 — «Jumlah modul ajar yang disusun dan digunakan»? Pilihan lain: "
        "iki-2 — «Waktu penyerahan nilai rapor setelah akhir semester». (ref-iki)"
    ]


@pytest.mark.parametrize("status, accepted", [("draf", True), ("final", False)])
def test_the_marker_in_a_rating_is_flagged_and_refused_once_final(repo, status, accepted):
    rel = "evaluations/2026/triwulan_3/disdik-0044.yml"
    before = (repo / rel).read_text(encoding="utf-8")
    out = other_form(repo, "penilaian", KEPSEK, pegawai="disdik-0044", tahun="2026", periode="triwulan_3",
                     rating_rhk="rhk-1 | sesuai | [ISI] umpan balik", perilaku="akuntabel | Tepat waktu.",
                     rating_hasil_kerja="sesuai_ekspektasi", rating_perilaku_kerja="sesuai_ekspektasi", status=status)
    flagged = out.warnings if accepted else out.problems
    assert any(p.startswith("Bagian «Rating dan umpan balik per RHK» baris 1 masih memuat tanda [ISI]") for p in flagged), flagged
    assert out.ok is accepted
    assert ((repo / rel).read_text(encoding="utf-8") == before) is not accepted


def test_a_realisasi_line_copied_from_the_forms_example_is_a_warning_only(repo):
    example = next(f for f in forms.template_fields(ROOT, forms.FORMS["realisasi"]) if f.id == "uraian").placeholder.strip()
    out = other_form(repo, "realisasi", SITI, tahun="2026", periode="triwulan_4", realisasi="rhk-1 | iki-1 | 6",
                     uraian=example)
    assert out.ok, out.problems
    assert any("Bagian «Uraian realisasi per RHK» baris 1 sama persis dengan contoh" in w for w in out.warnings)


def test_a_rating_for_an_rhk_the_plan_lacks_names_its_line_and_the_plans_rhk(repo):
    out = other_form(repo, "penilaian", KEPSEK, pegawai="disdik-0044", tahun="2026", periode="triwulan_3",
                     rating_rhk="rhk-1 | sesuai | Modul ajar dipakai rutin.\nrhk-7 | sesuai | Baik.",
                     rating_hasil_kerja="sesuai_ekspektasi", rating_perilaku_kerja="sesuai_ekspektasi", status="draf")
    assert not out.ok
    assert any(p.startswith("Bagian «Rating dan umpan balik per RHK» baris 2: RHK “rhk-7” tidak ada di plans/2026/disdik-0044.yml. "
                            "Maksud Anda rhk-") for p in out.problems), out.problems
