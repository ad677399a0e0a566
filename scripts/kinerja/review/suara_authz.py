"""Who may change the suara publik files (decisions.md, "Paths of the new kinds"):

* a complaint (complaints/<tahun>/<nomor>.yml): the `admin_pengaduan` of the perangkat
  daerah whose unit the complaint is about, before and after the change;
* a survey (surveys/...): those complaint admins, or the head of the surveyed unit;
* the service map (organisation/layanan/<tahun>/<pd>.yml): the head of that perangkat
  daerah, with an admin's approval;
* the holiday calendar and rules/pelayanan-publik.yml: admins (like all organisation data).

Admins may change any of them, with another admin's approval.
"""

from __future__ import annotations

from kinerja.review import changes as C

SUARA_WRITTEN = frozenset({"complaint", "survey", "service_map"})
COMPLAINT_ADMIN = "admin_pengaduan"
PD_HEAD = "kepala_perangkat_daerah"


def _pd_of(org_units: dict, unit_id) -> str | None:
    u = org_units.get(unit_id) if isinstance(unit_id, str) else None
    return u.pd if u is not None else None


def decide(d, ch, kind):
    """The decision for a suara publik file, or None when `kind` is not one of them."""
    from kinerja.review.authz import ADMIN, Decision, Requirement

    if kind.name not in SUARA_WRITTEN:
        return None
    path = ch.path
    units = d.data.org.units
    reg = d.reg
    if any(e is not None and not e.is_regular for e in (ch.before, ch.after)):
        return d._admin(path, "jenis berkas khusus") if d.is_admin else d._refuse(path, "authz-path", "Data hanya boleh berupa berkas biasa (mode 100644).")
    if kind.name == "service_map":
        pd = kind.keys["unit"]
        head = d.org.head_on(pd, d.today) if pd in units else None
        if d.me is not None and d.me == head:
            req = Requirement("admin", frozenset(a for a in reg.admins if a != d.me))
            return Decision(path, True, "authz-allowed",
                            f"Kepala perangkat daerah {pd} memetakan layanannya ke RHK/IKI: perlu persetujuan admin.", PD_HEAD, (req,))
        if d.is_admin:
            return d._admin(path, "peta layanan")
        return d._refuse(path, "authz-suara",
                         f"Peta layanan {pd} ditulis kepala perangkat daerah itu ({head or 'belum tercatat'}) dengan persetujuan admin.")
    if kind.name == "survey":
        pds = {_pd_of(units, kind.keys["unit"])}
        head = d.org.head_on(kind.keys["unit"], d.today) if kind.keys["unit"] in units else None
        if d.me is not None and d.me == head:
            return Decision(path, True, "authz-allowed", f"Kepala unit {kind.keys['unit']} mencatat survei kepuasan unitnya.", "kepala_unit")
    else:
        before = C.load_data(d._raw(ch.before))
        after = C.load_data(d._raw(ch.after))
        pds = {_pd_of(units, doc.get("unit")) for doc in (before, after) if isinstance(doc, dict)}
        if not pds:
            pds = {None}
    admins_of = {pd: set(reg.complaint_admins.get(pd, ())) for pd in pds if pd is not None}
    if d.me is not None and None not in pds and all(d.me in ids for ids in admins_of.values()):
        names = ", ".join(sorted(p for p in pds if p))
        return Decision(path, True, "authz-allowed", f"Admin pengaduan perangkat daerah {names}.", COMPLAINT_ADMIN)
    if d.is_admin:
        return d._admin(path, "pengaduan atau survei")
    what = "Pengaduan" if kind.name == "complaint" else "Survei kepuasan"
    who = "; ".join(f"{pd}: {', '.join(sorted(ids)) or 'belum ada'}" for pd, ids in sorted(admins_of.items())) or "unit tidak dikenal"
    return d._refuse(path, "authz-suara",
                     f"{what} dicatat oleh admin pengaduan perangkat daerah unit yang bersangkutan (admin_pengaduan di "
                     f"organisation/instansi.yml; {who}). Minta admin pengaduan atau admin BKPSDM mencatatnya.")
