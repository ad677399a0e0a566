"""What the penilai judges, per changed file, as plain data for the sticky PR comment and the
job summary (issue 10 §3). PR content is only data here (the strict loader, the records).

* an evaluation: per RHK/IKI the target, the realisasi (with its jenis_realisasi), the capaian,
  the bukti dukung (public / not), the effective rating per RHK and the record that set it, the
  two overall ratings, the predikat derived from them, and every warning bearing on the
  decision (di atas without evidence, inconsistency with the per-RHK ratings, the unit's
  curve pressure);
* a plan: its RHK, IKI and targets with, beside each RHK, the text of the supervisor's RHK it
  intervenes in — and nothing else of other people or other years.
"""

from __future__ import annotations

from kinerja.findings import ERROR, as_dict
from kinerja.layout import classify
from kinerja.score import engine, kuadran, overlay
from kinerja.score.capaian import JENIS_LABEL
from kinerja.score.numbers import as_number

# finding codes that bear on the rating decision (shown beside the evaluation, not only in the list)
DECISION_CODES = frozenset({"eval-di-atas-bukti", "eval-umpan-balik", "score-consistency", "score-org-rating",
                            "score-kumulatif-turun", "eval-coverage"})


def _rating_label(rules, value):
    return rules.rating_label(value) if rules and value else None


def evaluation_digest(repo, rel: str, findings: list) -> dict | None:
    e = repo.record(rel)
    if e is None:
        return None
    plan = repo.plan(e.tahun, e.key)
    rules = repo.rules_for_year(e.tahun)
    person = repo.people.get(e.pegawai)
    penilai = repo.people.get(e.pejabat_penilai)
    eff = overlay.effective(repo, e)
    s = engine.score_one(repo, e)
    rows = []
    if plan is not None:
        caps = {(c.rhk, c.iki): c for c in (s.capaian if s else [])}
        for rhk in plan.rhk:
            if not rhk.in_force(e.periode):
                continue
            report = e.report_for(rhk.id)
            bukti = report.bukti if report else []
            for i, iki in enumerate(k for k in rhk.indikator if k.in_force(e.periode)):
                cap = caps.get((rhk.id, iki.id))
                rows.append({
                    "rhk": rhk.id, "rhk_jenis": rhk.jenis, "rhk_uraian": rhk.uraian if i == 0 else None,
                    "iki": iki.id, "iki_uraian": iki.uraian,
                    "target": cap.target if cap else None,
                    "realisasi": cap.realisasi if cap else None,
                    "jenis_realisasi": JENIS_LABEL.get(iki.jenis_realisasi, iki.jenis_realisasi) if iki.target else None,
                    "capaian_persen": as_number(cap.persen, s.desimal["capaian"]) if cap and cap.persen is not None else None,
                    "capaian_keterangan": cap.keterangan if cap else None,
                    "bukti_publik": sum(1 for b in bukti if b.publik) if i == 0 else None,
                    "bukti_tidak_publik": sum(1 for b in bukti if not b.publik) if i == 0 else None,
                    "rating": _rating_label(rules, eff.rhk.get(rhk.id)) if i == 0 else None,
                    "rating_sumber": eff.sources.get(f"rhk:{rhk.id}") if i == 0 else None,
                })
    predikat = kuadran.predikat(rules, eff.rating_hasil_kerja, eff.rating_perilaku_kerja) \
        if rules is not None and rules.metode == "kuadran" else (s.predikat if s else None)
    warnings = [as_dict(f) for f in findings if f.file == rel and f.code in DECISION_CODES]
    warnings += [as_dict(f) for f in (s.peringatan if s else []) if f.code in DECISION_CODES]
    curve = None
    if s is not None and s.unit is not None:
        group = engine.assessment_groups(repo).get(s.unit)
        u = engine.group_score(repo, group, e.tahun, e.periode, findings) if group else None
        if u is not None:
            curve = {"unit": u.unit, "nama": u.nama, "status": u.kurva.status, "pelanggaran": list(u.kurva.pelanggaran),
                     "final": u.final, "pegawai": u.pegawai,
                     "sebaran": {(rules.predikat_label(k) if rules else k): v for k, v in u.sebaran.items()}}
    return {
        "file": rel, "pegawai": e.pegawai, "nama": person.nama if person else None, "tahun": e.tahun,
        "periode": e.periode, "status": e.status, "pejabat_penilai": e.pejabat_penilai,
        "nama_penilai": penilai.nama if penilai else None, "rows": rows,
        "rating_hasil_kerja": _rating_label(rules, eff.rating_hasil_kerja),
        "rating_perilaku_kerja": _rating_label(rules, eff.rating_perilaku_kerja),
        "sumber_rating": {k: v for k, v in eff.sources.items() if k in overlay.OVERALL},
        "predikat": rules.predikat_label(predikat) if rules and predikat else None,
        "errors": sum(1 for f in findings if f.file == rel and f.severity == ERROR),
        "warnings": sorted(warnings, key=lambda w: (w["line"] or 0, w["code"])),
        "kurva": curve,
    }


def plan_digest(repo, rel: str) -> dict | None:
    p = repo.record(rel)
    if p is None:
        return None
    person = repo.people.get(p.pegawai)
    rows = []
    for rhk in p.rhk:
        link_text = None
        if rhk.intervensi:
            boss, boss_rhk = rhk.intervensi
            # only the supervisor's RHK text this RHK names: nothing else of other people
            for bp in repo.plans_of(boss, p.tahun):
                r = bp.rhk_by_id(boss_rhk)
                if r is not None:
                    link_text = r.uraian
                    break
        rows.append({
            "rhk": rhk.id, "jenis": rhk.jenis, "uraian": rhk.uraian,
            "intervensi": "/".join(rhk.intervensi) if rhk.intervensi else None,
            "intervensi_teks": link_text, "sasaran": rhk.sasaran,
            "berlaku": [rhk.berlaku_mulai, rhk.berlaku_sampai],
            "iki": [{"id": k.id, "aspek": k.aspek, "uraian": k.uraian,
                     "target": _target(k),
                     "jenis_realisasi": JENIS_LABEL.get(k.jenis_realisasi) if k.target else None,
                     "lebih_kecil_lebih_baik": k.lebih_kecil_lebih_baik} for k in rhk.indikator],
        })
    return {"file": rel, "pegawai": p.pegawai, "nama": person.nama if person else None, "tahun": p.tahun,
            "status": p.status, "pendekatan": p.pendekatan, "jabatan": p.jabatan, "rows": rows}


def _target(k) -> str:
    from kinerja.score.capaian import target_text

    return target_text(k.target, k.target_teks)


def digest(repo, changed: list[str]) -> dict:
    """The digest of every changed plan and evaluation (other files are not described)."""
    from kinerja.validate import run_checks

    kinds = {rel: c.kind.name for rel in changed if (c := classify(rel)) is not None}
    evals = [rel for rel, k in kinds.items() if k == "evaluation" and rel in repo.files]
    plans = [rel for rel, k in kinds.items() if k == "plan" and rel in repo.files]
    findings = run_checks(repo, today=None) if evals else []
    return {
        "evaluations": [d for rel in sorted(evals) if (d := evaluation_digest(repo, rel, findings))],
        "plans": [d for rel in sorted(plans) if (d := plan_digest(repo, rel))],
    }
