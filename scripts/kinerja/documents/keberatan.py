"""The keberatan decision as a document (PP 30/2019 Pasal 59): what was objected to, the
explanations asked for, the decision of the atasan pejabat penilai and the ratings before and
after it.

Read from the objections/<tahun>/<periode>/<stem>.yml record (model/keberatan.py) and the
evaluation it objects to; "before" is the evaluation with any enacted calibration, "after"
adds the decision (score/overlay.py, the same layers the scorer applies). The decider printed
is the one the record names, checked against model/keberatan.decider by validation; when the
decision was recorded comes from git (the first first-parent commit whose version of the
file holds `keputusan`).
"""

from __future__ import annotations

from kinerja.documents import content as C
from kinerja.model.calendar import PERIOD_LABEL, period_range
from kinerja.model.keberatan import Objection


def build(ctx: C.Context, o: Objection) -> C.Content:
    from kinerja.score import overlay

    c = C.Content("keputusan_keberatan", o.tahun, o.key, o.periode, {}, {o.file}, o.pegawai)
    k = o.keputusan
    if k is None:
        raise C.NotPrintable("keberatan ini belum diputus; dokumen keputusan dibuat sesudah keputusan tercatat")
    e = ctx.repo.record(o.evaluation_file)
    if e is None:
        raise C.NotPrintable(f"evaluasi {o.evaluation_file} tidak ada atau tidak sah")
    c.inputs.add(e.file)
    plan = ctx.repo.plan(o.tahun, o.key)
    if plan is None:
        raise C.NotPrintable(f"rencana plans/{o.tahun}/{o.key}.yml tidak ada")
    c.inputs.add(plan.file)
    rules = ctx.rules(c, o.tahun)
    person = ctx.repo.people.get(o.pegawai)
    if person is None:
        raise C.NotPrintable(f"pegawai {o.pegawai} tidak ada di data organisasi")
    end = min(period_range(o.tahun, o.periode)[1], plan.selesai)
    pegawai = ctx.party(c, o.pegawai, end)
    penilai = ctx.party(c, e.pejabat_penilai, end)
    pemutus = ctx.party(c, o.pemutus, o.diajukan)

    before = overlay.effective(ctx.repo, e, before="keberatan")
    after = overlay.effective(ctx.repo, e)
    c.inputs.update(v for v in after.sources.values() if v != e.file)

    def label(value):
        return rules.rating_label(value) if value else ""

    rows = []
    for key, title in (("rating_hasil_kerja", "Rating hasil kerja"), ("rating_perilaku_kerja", "Rating perilaku kerja")):
        rows.append({"unsur": title, "sebelum": label(before.rating(key)), "sesudah": label(after.rating(key))})
    for rhk in plan.rhk:
        if not rhk.in_force(o.periode):
            continue
        old, new = before.rhk.get(rhk.id), after.rhk.get(rhk.id)
        if old != new:
            rows.append({"unsur": f"RHK {rhk.id}: {rhk.uraian}", "sebelum": label(old), "sesudah": label(new)})
    for row in rows:
        row["berubah"] = "berubah" if row["sebelum"] != row["sesudah"] else "tetap"

    def predikat(eff):
        p = C._predikat(rules, e, plan, person, end, eff.rating_hasil_kerja, eff.rating_perilaku_kerja)
        return rules.predikat_label(p).upper() if p else ""

    d = C._base(ctx, c, "KEPUTUSAN ATAS KEBERATAN HASIL EVALUASI KINERJA PEGAWAI",
                f"PERIODE: {PERIOD_LABEL.get(o.periode, o.periode).upper()} TAHUN {o.tahun}")
    d.update(
        pegawai=pegawai,
        penilai=penilai,
        pemutus=pemutus,
        evaluasi=o.evaluation_file,
        diajukan=C.long_date(o.diajukan),
        isu=f"#{o.isu}" if o.isu else "",
        alasan_keberatan=o.alasan,
        diminta=C.long_date(o.diminta) if o.diminta else "",
        penjelasan_penilai=_explanation(ctx, o, "penilai"),
        penjelasan_pegawai=_explanation(ctx, o, "pegawai"),
        tanggal_keputusan=C.long_date(k.tanggal),
        hasil=k.hasil.upper(),
        alasan_keputusan=k.alasan,
        rating=rows,
        predikat_sebelum=predikat(before),
        predikat_sesudah=predikat(after),
        dasar="Peraturan Pemerintah Nomor 30 Tahun 2019 Pasal 59: keputusan atasan pejabat penilai kinerja bersifat final.",
        tanda_kiri={"peran": "Pegawai yang Mengajukan Keberatan", "nama": pegawai["nama"], "nip": pegawai["nip"]},
        tanda_kanan={"peran": "Atasan Pejabat Penilai Kinerja (Pemutus Keberatan)", "nama": pemutus["nama"], "nip": pemutus["nip"]},
    )
    C._mark_empty(d, pegawai, penilai, pemutus)
    c.data = d
    return c


def _explanation(ctx: C.Context, o: Objection, who: str) -> str:
    data = ctx.repo.record(o.file)
    return ((data or {}).get("penjelasan") or {}).get(who, "") if isinstance(data, dict) else ""


def decided_since(facts, rel: str):
    """(commit, aware datetime, shown trailers) of the first first-parent commit whose version of
    the objection holds a decision (review/facts.py reads the history); None if git has none."""
    from kinerja.documents.gitfacts import GitUnavailable, git
    from kinerja.loader import LoadError, load_bytes
    from kinerja.review import facts as review_facts

    history = review_facts.History(facts.root, facts.commit, (rel,))
    try:
        commits = list(reversed(history.commits_of(rel)))  # oldest first
    except review_facts.FactsUnavailable:
        return None
    finally:
        history.close()
    for c in commits:
        try:
            data = load_bytes(git(facts.root, "show", f"{c.sha}:{rel}")).data
        except (GitUnavailable, LoadError):
            continue
        if isinstance(data, dict) and data.get("keputusan"):
            shown = tuple((k, v[:200]) for k, v in c.trailers if k in review_facts.SHOWN_TRAILERS)
            return c.sha, c.at.astimezone(facts.tz), shown
    return None


def approval_lines(ctx: C.Context, facts, rel: str) -> list[str]:
    found = decided_since(facts, rel)
    if found is None:
        return [f"{rel}: keputusan belum tercatat di riwayat git; dokumen ini bukan dokumen akhir."]
    sha, when, trailers = found
    lines = [f"Keputusan keberatan tercatat sejak commit {sha[:12]} pada {C.long_date(when.date())} pukul {when:%H.%M} ({ctx.tz_name})."]
    lines += [f"{key}: {value}" for key, value in trailers]
    return lines
