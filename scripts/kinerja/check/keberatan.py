"""Cross-file rules of one keberatan file (one validation subject: the objection and the
evaluation it objects to). Filing on time is judged from git history (review/facts.py, through
review/keberatan_rules.filing_window) by the form and check-change; these rules read the files only."""

from __future__ import annotations

from kinerja.findings import Collector
from kinerja.model import keberatan as K
from kinerja.model.calendar import PERIOD_LABEL, period_range


def check_objection(c: Collector, repo, org, rel: str) -> None:
    data = repo.record(rel)
    if not isinstance(data, dict) or repo.regency is None:
        return
    o = K.objection_record(rel, data)
    if o.pegawai != o.key.split(".", 1)[0]:
        c.error(rel, ("pegawai",), "path-mismatch", f"Nama berkas menyebut {o.key.split('.', 1)[0]}, tetapi pegawai berisi {o.pegawai}.")
        return
    if str(o.tahun) != rel.split("/")[1] or o.periode != rel.split("/")[2]:
        c.error(rel, ("periode",), "path-mismatch", "Tahun dan periode harus sama dengan folder berkas.")
        return
    e = repo.record(o.evaluation_file)
    if e is None:
        if not repo.is_broken(o.evaluation_file):
            c.error(rel, ("periode",), "keberatan-evaluasi",
                    f"Evaluasi {o.evaluation_file} tidak ada: keberatan hanya atas evaluasi final milik sendiri.")
        return
    if e.status != "final":
        c.error(rel, ("periode",), "keberatan-evaluasi",
                f"Evaluasi {o.evaluation_file} belum final: keberatan hanya atas evaluasi yang sudah final.")
    end = period_range(o.tahun, o.periode)[1]
    expected = K.decider_for_evaluation(org, repo.regency, e, end, o.diajukan)
    if expected.person != o.pemutus:
        c.error(rel, ("pemutus",), "keberatan-pemutus",
                f"Pemutus keberatan ini menurut aturan adalah {expected.person or '(tidak ada)'}: {expected.explanation}")
    if o.diajukan < end:
        c.error(rel, ("diajukan", "tanggal"), "keberatan-urutan",
                f"Tanggal pengajuan sebelum {PERIOD_LABEL[o.periode]} {o.tahun} berakhir.")
    if o.diminta is not None and o.diminta < o.diajukan:
        c.error(rel, ("penjelasan", "diminta"), "keberatan-urutan", "Penjelasan diminta sebelum keberatan diajukan.")
    k = o.keputusan
    if k is None:
        return
    if o.diminta is None:
        c.error(rel, ("keputusan",), "keberatan-urutan",
                "Sebelum memutus, pemutus meminta penjelasan pejabat penilai dan pegawai (PP 30/2019 Pasal 59): "
                "isi penjelasan.diminta dengan tanggal permintaan.")
    elif k.tanggal < o.diminta:
        c.error(rel, ("keputusan", "tanggal"), "keberatan-urutan", "Tanggal keputusan sebelum tanggal permintaan penjelasan.")
    changed = k.rating_hasil_kerja or k.rating_perilaku_kerja or k.rhk
    if k.hasil == "diubah" and not changed:
        c.error(rel, ("keputusan", "hasil"), "keberatan-keputusan",
                "Keputusan diubah harus menyebut rating baru (rating_hasil_kerja, rating_perilaku_kerja atau hasil_kerja).")
    if k.hasil == "tetap" and changed:
        c.error(rel, ("keputusan", "hasil"), "keberatan-keputusan",
                "Keputusan tetap tidak memuat rating baru; tulis hasil: diubah bila rating berubah.")
    plan = repo.plan(o.tahun, o.key)
    for i, (rhk, _rating) in enumerate(k.rhk):
        if plan is not None and plan.rhk_by_id(rhk) is None:
            c.error(rel, ("keputusan", "hasil_kerja", i, "rhk"), "ref-rhk", f"RHK “{rhk}” tidak ada di {plan.file}.")
