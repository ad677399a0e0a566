"""Rule sets (rules/<id>.yml) as typed records, with the checks a schema cannot express.

A rule set is regulation as data: the quadrant, synonyms, consistency guidance, BerAKHLAK
guides, angka kredit tables, the distribution curve, usual evaluator pairs, or a legacy
numeric method. The scorer applies these records and the methodology page renders them;
neither holds a rule number of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.model.records import Record

RATING_IDS = ("di_bawah_ekspektasi", "sesuai_ekspektasi", "di_atas_ekspektasi")
ORG_PREDIKAT_IDS = ("istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")


@dataclass(slots=True)
class RuleSet(Record):
    file: str
    id: str
    nama: str
    metode: str  # "kuadran" or "numerik_pp46"
    sumber: list[str]
    pembulatan: str | None
    predikat: list[tuple[str, str]]  # (id, label), low -> high
    rating: list[tuple[str, str]] = field(default_factory=list)
    kaskade: bool = False  # every RHK links up to a supervisor's RHK or a sasaran
    hanya_evaluasi_tahunan: bool = False  # only the annual (triwulan_4) evaluation exists (PP 46/2011)
    kuadran: dict = field(default_factory=dict)  # rating_hasil_kerja -> rating_perilaku -> predikat
    sinonim: dict = field(default_factory=dict)  # vocabulary -> {normalised term: canonical}
    konsistensi: dict = field(default_factory=dict)
    perilaku_kerja: list[dict] = field(default_factory=list)
    capaian: dict = field(default_factory=dict)
    org_ke_rating: dict = field(default_factory=dict)
    kurva: dict = field(default_factory=dict)
    angka_kredit: dict = field(default_factory=dict)
    penilai_lazim: dict = field(default_factory=dict)
    penentuan_penilai: dict = field(default_factory=dict)  # how the evaluator is derived (see model/org.py)
    numerik: dict = field(default_factory=dict)
    keadilan: dict = field(default_factory=dict)  # fairness indicators' thresholds (kinerja fairness)
    status_iki: dict = field(default_factory=dict)  # the public status per IKI and period (score/status.py)

    def predikat_label(self, pid: str) -> str:
        return dict(self.predikat).get(pid, pid)

    def rating_label(self, rid: str) -> str:
        return dict(self.rating).get(rid, rid)

    def predikat_rank(self, pid: str) -> int:
        return [p for p, _ in self.predikat].index(pid)

    def rating_rank(self, rid: str) -> int:
        return [r for r, _ in self.rating].index(rid)


def build_rule_set(file: str, d: dict) -> RuleSet:
    return RuleSet(
        file=file,
        id=d["id"],
        nama=d["nama"],
        metode=d["metode"],
        sumber=list(d.get("sumber", ())),
        pembulatan=d.get("pembulatan"),
        predikat=[(p["id"], p["label"]) for p in d["predikat"]],
        rating=[(r["id"], r["label"]) for r in d.get("rating", ())],
        kaskade=d.get("kaskade", False),
        hanya_evaluasi_tahunan=d.get("hanya_evaluasi_tahunan", False),
        kuadran=d.get("kuadran", {}),
        sinonim=d.get("sinonim", {}),
        konsistensi=d.get("konsistensi", {}),
        perilaku_kerja=list(d.get("perilaku_kerja", ())),
        capaian=d.get("capaian", {}),
        org_ke_rating=d.get("predikat_organisasi_ke_rating", {}),
        kurva=d.get("kurva", {}),
        angka_kredit=d.get("angka_kredit", {}),
        penilai_lazim=d.get("pejabat_penilai_lazim", {}),
        penentuan_penilai=d.get("penentuan_penilai", {}),
        numerik=d.get("numerik", {}),
        keadilan=d.get("keadilan", {}),
        status_iki=d.get("status_iki", {}),
    )


def semantic_problems(rs: RuleSet) -> list[tuple[tuple, str]]:
    """(JSON path, Indonesian message) for what the schema cannot see."""
    out = []
    predikat = {p for p, _ in rs.predikat}
    if rs.metode == "kuadran":
        if {r for r, _ in rs.rating} != set(RATING_IDS):
            out.append((("rating",), "Daftar rating harus memuat tepat: " + ", ".join(RATING_IDS) + "."))
        for hasil in RATING_IDS:
            row = rs.kuadran.get(hasil)
            if row is None:
                out.append((("kuadran",), f"Kuadran belum memuat baris {hasil}: kesembilan sel harus diisi."))
                continue
            for perilaku in RATING_IDS:
                cell = row.get(perilaku)
                if cell is None:
                    out.append((("kuadran", hasil), f"Sel {hasil} x {perilaku} belum diisi."))
                elif cell not in predikat:
                    out.append((("kuadran", hasil, perilaku), f"Predikat “{cell}” tidak ada di daftar predikat."))
        for vocab, allowed in (
            ("rating", set(RATING_IDS)),
            ("predikat", predikat),
            ("predikat_organisasi", set(ORG_PREDIKAT_IDS)),
        ):
            for term, canonical in rs.sinonim.get(vocab, {}).items():
                if canonical not in allowed:
                    out.append((("sinonim", vocab, term), f"Istilah baku “{canonical}” tidak dikenal untuk {vocab}."))
        for pid in rs.angka_kredit.get("konversi_persen", {}):
            if pid not in predikat:
                out.append((("angka_kredit", "konversi_persen", pid), f"Predikat “{pid}” tidak ada di daftar predikat."))
        for pid in predikat - set(rs.angka_kredit.get("konversi_persen", {})):
            out.append((("angka_kredit", "konversi_persen"), f"Konversi angka kredit untuk predikat “{pid}” belum diisi."))
        peta = rs.org_ke_rating.get("peta", {})
        for org in ORG_PREDIKAT_IDS:
            if org not in peta:
                out.append((("predikat_organisasi_ke_rating", "peta"), f"Predikat organisasi “{org}” belum dipetakan ke rating."))
        for org, items in rs.kurva.get("aturan", {}).items():
            for i, item in enumerate(items):
                for pid in item["predikat"]:
                    if pid not in predikat:
                        out.append((("kurva", "aturan", org, i, "predikat"), f"Predikat “{pid}” tidak ada di daftar predikat."))
        k = rs.keadilan
        for part in ("lunak", "terpusat"):
            if k.get(part) and k[part]["predikat"] not in predikat:
                out.append((("keadilan", part, "predikat"), f"Predikat “{k[part]['predikat']}” tidak ada di daftar predikat."))
        for org, pid in (k.get("selisih_organisasi") or {}).get("peta", {}).items():
            if pid not in predikat:
                out.append((("keadilan", "selisih_organisasi", "peta", org), f"Predikat “{pid}” tidak ada di daftar predikat."))
        for rating, rule in rs.konsistensi.get("aturan", {}).items():
            if not rule.get("sebagian_besar"):
                out.append((("konsistensi", "aturan", rating), "Daftar 'sebagian_besar' tidak boleh kosong."))
    else:
        for i, band in enumerate(rs.numerik.get("pita", ())):
            if band["predikat"] not in predikat:
                out.append((("numerik", "pita", i, "predikat"), f"Predikat “{band['predikat']}” tidak ada di daftar predikat."))
        mins = [b["min"] for b in rs.numerik.get("pita", ())]
        if mins != sorted(mins, reverse=True):
            out.append((("numerik", "pita"), "Pita nilai harus urut dari batas bawah tertinggi ke terendah."))
        for aspek, rule in rs.numerik.get("aspek", {}).items():
            if rule["rumus"] == "efisiensi" and ("faktor" not in rule or "batas_efisiensi_persen" not in rule):
                out.append((("numerik", "aspek", aspek), "Rumus efisiensi memerlukan 'faktor' dan 'batas_efisiensi_persen'."))
    return out


def synonym_map(rule_sets) -> dict[str, set[str]]:
    """Normalised term -> canonical values, from every rule set (for schema messages)."""
    out: dict[str, set[str]] = {}
    for rs in rule_sets:
        for vocab in rs.sinonim.values():
            for term, canonical in vocab.items():
                out.setdefault(term, set()).add(canonical)
    return out
