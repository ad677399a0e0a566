"""`kinerja check-change`: who may change which file, decided per file with a reason.

The rules (../../shared/decisions.md, "Who may change what"), read from the organisation
data of the *base* revision:

* staff change only their own plan and the employee part (`realisasi`) of their own
  evaluations;
* only the pejabat penilai in force during the period writes the ratings and umpan balik
  (`penilaian`) and sets an evaluation `final`; the ratings need no one else's approval
  unless `persetujuan_rating: atasan_pejabat_penilai` (the employee acknowledges later); the head of a parent unit writes its
  sub-units' predikat organisasi;
* organisation data, rule sets, schemas, scripts, workflows, site sources, CODEOWNERS and
  anything else outside plans/, evaluations/ and unit-results/ change only through admins;
* only members of the tim penilai kinerja (instansi.yml `tim_penilai_kinerja`) write a
  calibration record, and only a person's pejabat penilai enacts its recommendation
  (`diberlakukan`); an enacted recommendation is not changed again except by an admin;
* closed periods and `final` evaluations are immutable (content, rename, delete, mode)
  except through an admin correction that appends a `koreksi` record signed by that admin;
* symlinks, submodules, executable files and unknown paths are refused for everyone but
  admins.

Every allowed decision also says whose approval the change needs (see approval.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kinerja.findings import shown
from kinerja.model.calendar import period_range
from kinerja.model.records import Person
from kinerja.review import changes as C
from kinerja.review import gitrev, keberatan_rules, suara_authz
from kinerja.review.orgdata import OrgData, load_org

# roles under which a change is allowed
OWNER, PENILAI, PARENT_HEAD, ADMIN = "pemilik", "pejabat_penilai", "kepala_unit_induk", "admin"
# Kinds whose writer rules are decided per file below (everything else is admin-only).
DATA_KINDS = ("plan", "evaluation", "unit_result", "objection", "calibration")
# Known places outside the data that only admins change (everything else is an unknown path).
ADMIN_PLACES = frozenset({
    "organisation", "rules", "schemas", "scripts", "site", "tests", ".github", ".ci", "mkdocs.yml",
    "pyproject.toml", "Makefile", "README.md", "ARCHITECTURE.md", "LICENSE", "package.json",
    "package-lock.json", ".gitignore", ".gitattributes", "CODEOWNERS", "docs",
})


@dataclass(frozen=True, slots=True)
class Requirement:
    """One approval a change needs: any one of `people` approves the head commit."""

    label: str  # Indonesian, e.g. "pejabat penilai disdik-0040"
    people: frozenset


@dataclass(frozen=True, slots=True)
class Decision:
    file: str
    allowed: bool
    code: str
    message: str
    role: str | None = None
    requires: tuple = ()


@dataclass
class Actor:
    login: str
    github_id: int
    person: Person | None
    problem: tuple[str, str] | None = None  # (code, message) when the account is not usable


@dataclass
class Verdict:
    actor: Actor
    decisions: list[Decision]
    base: str
    head: str
    data: OrgData = field(repr=False)

    @property
    def allowed(self) -> bool:
        return self.actor.problem is None and all(d.allowed for d in self.decisions)


def identify(data: OrgData, login: str, github_id: int) -> Actor:
    """The person behind an account: the numeric id decides, a changed login is reported."""
    org = data.org
    person = org.by_account(login, github_id)
    if person is not None:
        return Actor(login, github_id, person)
    same_id = [p for p in org.people.values() if p.github_id == github_id]
    if same_id:
        p = same_id[0]
        return Actor(login, github_id, None, ("authz-login-stale",
            f"Akun ini (id {github_id}) tercatat untuk {p.id} dengan login {shown(p.github_login)}, tetapi kini bernama "
            f"{shown(login)}. Minta admin memperbarui github.login di organisation/people/{p.id}.yml."))
    same_login = [p for p in org.people.values() if p.github_login and p.github_login.casefold() == login.casefold()]
    if same_login:
        p = same_login[0]
        return Actor(login, github_id, None, ("authz-actor-unknown",
            f"Login {shown(login)} tercatat untuk {p.id} dengan id angka lain ({p.github_id}); akun ini (id {github_id}) "
            "bukan akun tersebut. Login GitHub bisa diganti dan didaftarkan ulang orang lain, jadi id angka yang menentukan."))
    return Actor(login, github_id, None, ("authz-actor-unknown",
        f"Akun GitHub {shown(login)} (id {github_id}) tidak terdaftar di organisation/people/. "
        "Minta admin BKPSDM mencatat akun Anda (login dan id angka)."))


def _label(data: OrgData, pid: str) -> str:
    p = data.org.person(pid)
    return f"{pid} ({p.nama})" if p else pid


def _names(data: OrgData, ids) -> str:
    ids = sorted(ids)
    return ", ".join(_label(data, i) for i in ids) if ids else "tidak ada (periksa data penugasan)"


class Decider:
    def __init__(self, data: OrgData, actor: Actor, today: date, blobs: dict[str, bytes],
                 root: Path | None = None, base_tree: dict | None = None):
        self.data, self.org, self.reg = data, data.org, data.regency
        self.actor, self.today, self.blobs = actor, today, blobs
        self.root, self.base_tree = root, base_tree or {}
        self.me = actor.person.id if actor.person else None
        self.is_admin = self.org.is_admin(self.me)

    # -- helpers
    def _raw(self, entry: gitrev.Entry | None) -> bytes | None:
        return self.blobs.get(entry.sha) if entry is not None and entry.is_regular else None

    def _other_admins(self, subject: str | None = None) -> Requirement:
        """Admins other than the actor and other than the file's subject: nobody approves a change to her own file."""
        return Requirement("admin lain", frozenset(a for a in self.reg.admins if a not in (self.me, subject)))

    def _admin(self, path: str, why: str, subject: str | None = None) -> Decision:
        return Decision(path, True, "authz-allowed", f"Diizinkan sebagai admin ({why}); perlu persetujuan admin lain.",
                        ADMIN, (self._other_admins(subject),))

    def _refuse(self, path: str, code: str, message: str) -> Decision:
        return Decision(path, False, code, message)

    def _range(self, keys: dict) -> tuple[date, date] | None:
        year = int(keys["tahun"])
        if "periode" in keys:
            start, end = period_range(year, keys["periode"])
        else:
            start, end = date(year, 1, 1), date(year, 12, 31)
        if keys.get("mulai"):
            try:
                mulai = date.fromisoformat(keys["mulai"])
            except ValueError:
                return None
            if not (date(year, 1, 1) <= mulai <= date(year, 12, 31)):
                return None
            start = max(start, mulai)
            if start > end:
                return None
        return start, end

    def _penilai(self, person: str, start: date, end: date) -> set[str]:
        """The one penilai who rates [start, end] (model/org.py: the penilai in post on its last day)."""
        p = self.org.penilai_for_period(person, start, end)
        return {p} if p else set()

    def _plan_penilai(self, person: str, start: date, end: date) -> set[str]:
        day = min(max(self.today, start), end)
        p = self.org.penilai_on(person, day)
        return {p} if p else self._penilai(person, start, end)

    @staticmethod
    def _plan_range(rng: tuple[date, date], content) -> tuple[date, date]:
        """The plan's own period (periode: mulai/selesai) inside the range its file name allows.

        The file of a first position (no date in its name) covers the year, but the plan says
        where the position ended: its penilai is the one in force then, not today's."""
        periode = content.get("periode") if isinstance(content, dict) else None
        if not isinstance(periode, dict):
            return rng
        start, end = rng
        try:
            mulai = date.fromisoformat(str(periode.get("mulai")))
            selesai = date.fromisoformat(str(periode.get("selesai")))
        except ValueError:
            return rng
        start, end = max(start, mulai), min(end, selesai)
        return (start, end) if start <= end else rng

    def _plan_requirements(self, person: str, rng, before, after) -> tuple[set[str], tuple[Requirement, ...]]:
        """The penilai for the plan's range before and after the change (both, if the change moves the range)."""
        ranges = {self._plan_range(rng, c) for c in (before, after) if isinstance(c, dict)} or {rng}
        people: set[str] = set()
        reqs = []
        for r in sorted(ranges):
            penilai = self._plan_penilai(person, *r)
            people |= penilai
            reqs.append(Requirement("pejabat penilai", frozenset(penilai)))
        return people, tuple(dict.fromkeys(reqs))

    def _closed_evaluated_ikis(self, plan_path: str, keys: dict) -> dict[tuple[str, str], str]:
        """(rhk, iki) -> evaluation file, for every IKI of this plan reported in a closed period (base revision)."""
        stem = plan_path.rsplit("/", 1)[1]
        year = keys["tahun"]
        paths = [p for p in self.base_tree
                 if p.startswith(f"evaluations/{year}/") and p.endswith("/" + stem) and p.count("/") == 3
                 and self.reg.is_closed(int(year), p.split("/")[2])]
        entries = [(p, self.base_tree[p]) for p in sorted(paths) if self.base_tree[p].is_regular]
        if not entries or self.root is None:
            return {}
        blobs = gitrev.read_blobs(self.root, [e.sha for _, e in entries])
        out: dict[tuple[str, str], str] = {}
        for p, e in entries:
            data = C.load_data(blobs.get(e.sha))
            real = data.get("realisasi") if isinstance(data, dict) else None
            rows = real.get("hasil_kerja") if isinstance(real, dict) else None
            for row in rows if isinstance(rows, list) else []:
                if not isinstance(row, dict):
                    continue
                for ind in row.get("indikator") or [] if isinstance(row.get("indikator") or [], list) else []:
                    if isinstance(ind, dict) and "iki" in ind:
                        out.setdefault((str(row.get("rhk")), str(ind["iki"])), p)
        return out

    @staticmethod
    def _targets(content) -> dict[tuple[str, str], object]:
        """(rhk, iki) -> what its capaian is computed from (target, narrative target, direction)."""
        out = {}
        rows = content.get("hasil_kerja") if isinstance(content, dict) else None
        for rhk in rows if isinstance(rows, list) else []:
            if not isinstance(rhk, dict):
                continue
            inds = rhk.get("indikator")
            for iki in inds if isinstance(inds, list) else []:
                if isinstance(iki, dict):
                    out[(str(rhk.get("id")), str(iki.get("id")))] = (
                        iki.get("target"), iki.get("target_teks"), bool(iki.get("lebih_kecil_lebih_baik", False)))
        return out

    def _evaluated_target_changed(self, path, keys, before, after) -> Decision | None:
        """An IKI evaluated in a closed period keeps its target: retire it and add a new one instead."""
        if not isinstance(before, dict):
            return None
        evaluated = self._closed_evaluated_ikis(path, keys)
        if not evaluated:
            return None
        old, new = self._targets(before), self._targets(after)
        changed = sorted(k for k in evaluated if k in old and new.get(k) != old[k])
        if not changed:
            return None
        rhk, iki = changed[0]
        return self._refuse(path, "authz-locked",
            f"Target IKI {shown(rhk + '/' + iki)} sudah dinilai pada periode yang ditutup ({evaluated[changed[0]]}); "
            "target, arah (lebih_kecil_lebih_baik) dan keberadaannya tidak boleh diubah, agar capaian periode itu tetap. "
            "Hentikan IKI lama mulai periode berikutnya (berlaku_sampai) dan tambahkan IKI baru dengan target baru.")

    # -- the decision for one changed path
    def decide(self, ch: gitrev.Change) -> Decision:
        path = ch.path
        kind = C.kind_of(path)
        printable = path.isprintable() and path.encode("utf-8", "surrogateescape").decode("utf-8", "replace") == path
        suara = suara_authz.decide(self, ch, kind) if printable else None
        if suara is not None:
            return suara
        if kind.name == "person" and printable and not self.is_admin and ch.before is not None and ch.after is not None:
            from kinerja.review.account import registration_decision

            own = registration_decision(self, ch, C.load_data(self._raw(ch.before)), C.load_data(self._raw(ch.after)))
            if own is not None:
                return own
        if kind.name not in DATA_KINDS or not printable:
            if self.is_admin:
                return self._admin(path, "berkas di luar data rencana/evaluasi")
            top = path.split("/", 1)[0]
            if not printable or (kind.name is None and top not in ADMIN_PLACES):
                return self._refuse(path, "authz-path",
                    "Berkas ini berada di luar tempat yang dikenal (plans/, evaluations/, unit-results/ dengan nama "
                    "sesuai aturan). Hanya admin yang boleh menambah atau mengubah berkas lain.")
            return self._refuse(path, "authz-admin-only",
                "Data organisasi, aturan, skema, skrip, workflow, situs dan CODEOWNERS hanya diubah lewat admin BKPSDM. "
                "Ajukan perubahan kepada admin.")
        rng = self._range(kind.keys)
        if rng is None:
            if self.is_admin:
                return self._admin(path, "nama berkas bertanggal tidak lazim")
            return self._refuse(path, "authz-path", "Tanggal pada nama berkas tidak sah atau di luar tahunnya.")
        before = C.load_data(self._raw(ch.before))
        after = C.load_data(self._raw(ch.after))
        locked = self._locked(path, kind, ch, before, after)
        if locked is not None:
            return locked
        special = [e for e in (ch.before, ch.after) if e is not None and not e.is_regular]
        if special:
            if self.is_admin:
                return self._admin(path, "jenis berkas khusus")
            what = {gitrev.SYMLINK: "tautan simbolik (symlink)", gitrev.SUBMODULE: "submodule",
                    gitrev.EXECUTABLE: "berkas executable"}.get(special[0].mode, "berkas khusus")
            return self._refuse(path, "authz-path",
                f"Perubahan ini menyangkut {what}. Data hanya boleh berupa berkas biasa (mode 100644).")
        if kind.name == "plan":
            return self._plan(path, kind.keys, rng, before, after)
        if kind.name == "evaluation":
            return self._evaluation(path, kind.keys, rng, before, after)
        if kind.name == "objection":
            return keberatan_rules.decide(self, path, kind.keys, rng, before, after)
        if kind.name == "calibration":
            return self._calibration(path, kind.keys, rng, before, after)
        return self._unit_result(path, kind.keys, rng, after)

    def _locked(self, path, kind, ch, before, after) -> Decision | None:
        if kind.name not in ("evaluation", "unit_result"):
            return None
        closed = self.reg.is_closed(int(kind.keys["tahun"]), kind.keys["periode"])
        final = isinstance(before, dict) and before.get("status") == "final"
        if not (closed or final):
            return None
        why = "periode ini sudah ditutup" if closed else "evaluasi ini sudah final"
        if not self.is_admin:
            return self._refuse(path, "authz-locked",
                f"Berkas ini tidak dapat diubah, dipindah atau dihapus karena {why}. Koreksi hanya dilakukan admin "
                "BKPSDM dengan catatan koreksi; bila Anda keberatan atas hasil penilaian, ajukan lewat formulir "
                "\"Ajukan keberatan\".")
        if ch.after is None:
            return self._refuse(path, "authz-locked",
                f"Berkas ini tidak boleh dihapus karena {why}, juga oleh admin: koreksi dicatat di dalam berkas "
                "(koreksi). Untuk data pribadi yang terlanjur masuk, ikuti Panduan admin (membersihkan riwayat).")
        added = C.new_corrections(before, after)
        if added is None:
            return self._refuse(path, "authz-koreksi-missing", "Catatan koreksi yang sudah ada tidak boleh diubah atau dihapus; tambahkan catatan baru di akhir daftar koreksi.")
        mine = [k for k in added if k.get("oleh") == self.me]
        if not mine:
            return self._refuse(path, "authz-koreksi-missing",
                f"Karena {why}, perubahan admin harus menambahkan catatan koreksi (koreksi: oleh: {self.me}, "
                "tanggal, alasan) di berkas ini.")
        subject = kind.keys.get("pegawai")
        if kind.name == "evaluation" and subject == self.me and C.PENILAI in C.evaluation_parts(before, after):
            return self._refuse(path, "authz-not-penilai",
                "Anda tidak boleh menilai diri sendiri, juga sebagai admin lewat koreksi: koreksi atas penilaian Anda "
                "sendiri dibuat oleh admin lain.")
        requires = [self._other_admins(subject)]
        if kind.name == "evaluation" and any(k.get("keberatan") for k in mine):
            rng = self._range(kind.keys)
            atasan = {a for p in self._penilai(kind.keys["pegawai"], *rng) if (a := self.org.penilai_on(p, rng[1]))}
            requires.append(Requirement("atasan pejabat penilai (pemutus keberatan)", frozenset(atasan)))
        return Decision(path, True, "authz-allowed",
                        f"Koreksi admin atas berkas yang terkunci ({why}), dengan catatan koreksi; perlu persetujuan admin lain.",
                        ADMIN, tuple(requires))

    def _own_correction(self, before, after) -> bool:
        added = C.new_corrections(before, after)
        return bool(added) and any(k.get("oleh") == self.me for k in added)

    UNREADABLE = ("isi berkas tidak terbaca",
                  "Isi berkas tidak dapat dibaca, sehingga tidak dapat diputuskan bagian mana yang diubah. "
                  "Perbaiki dulu kesalahan yang dilaporkan validasi.")

    def _unreadable(self, path, before, after, texts=UNREADABLE) -> Decision | None:
        """A side that did not parse cannot be judged part by part: an admin's change passes as
        an admin's, anyone else's is refused. One rule for every kind that is judged by parts."""
        if not (isinstance(after, C.Unreadable) or isinstance(before, C.Unreadable)):
            return None
        if self.is_admin:
            return self._admin(path, texts[0])
        return self._refuse(path, "authz-unreadable", texts[1])

    def _mismatch(self, path, after, field_name, expected) -> Decision | None:
        if isinstance(after, dict) and field_name in after and str(after[field_name]) != str(expected):
            return self._refuse(path, "authz-content-mismatch",
                f"Kolom {field_name} berisi {shown(after[field_name])}, padahal nama berkas menyatakan {expected}. "
                "Hak ubah diputuskan dari nama berkas; samakan isinya.")
        return None

    def _plan(self, path, keys, rng, before, after) -> Decision:
        person = keys["pegawai"]
        bad = self._mismatch(path, after, "pegawai", person)
        if bad:
            return bad
        locked = self._evaluated_target_changed(path, keys, before, after)
        if locked is not None:
            return locked
        if self.me == person:
            status_after = after.get("status") if isinstance(after, dict) else (None if after is None else "?")
            status_before = before.get("status") if isinstance(before, dict) else None
            # setting, keeping, leaving (back to draf) or deleting an approved plan: the penilai decides
            needs = status_after in ("disetujui", "?") or status_before in ("disetujui", "?")
            if not needs:
                return Decision(path, True, "authz-allowed", "Rencana milik sendiri (draf: boleh digabung tanpa persetujuan).", OWNER)
            penilai, reqs = self._plan_requirements(person, rng, before, after)
            what = "berstatus disetujui" if status_after in ("disetujui", "?") else "yang sudah disetujui dikembalikan ke draf atau dihapus"
            return Decision(path, True, "authz-allowed",
                            f"Rencana milik sendiri {what}: perlu persetujuan pejabat penilai {_names(self.data, penilai)}.",
                            OWNER, reqs)
        if self.is_admin:
            return self._admin(path, "rencana pegawai lain", subject=person)
        return self._refuse(path, "authz-not-owner",
            f"Rencana ini milik {_label(self.data, person)}. Setiap pegawai hanya mengubah rencananya sendiri; "
            "atasan memberi saran lewat tinjauan (review), bukan mengubah berkasnya.")

    def _evaluation(self, path, keys, rng, before, after) -> Decision:
        person = keys["pegawai"]
        bad = self._mismatch(path, after, "pegawai", person)
        if bad:
            return bad
        bad = self._unreadable(path, before, after)
        if bad:
            return bad
        parts = C.evaluation_parts(before, after)
        penilai = self._penilai(person, *rng)
        employee_ok = {C.EMPLOYEE, C.HEADER}
        penilai_ok = {C.PENILAI, C.HEADER}
        if self.me == person and parts <= employee_ok:
            if C.EMPLOYEE not in parts:
                return Decision(path, True, "authz-allowed", "Evaluasi milik sendiri, tanpa perubahan realisasi.", OWNER)
            return Decision(path, True, "authz-allowed",
                            f"Realisasi milik sendiri: perlu persetujuan pejabat penilai {_names(self.data, penilai)}.",
                            OWNER, (Requirement("pejabat penilai", frozenset(penilai)),))
        if self.me in penilai and parts <= penilai_ok:
            if C.PENILAI not in parts:
                return Decision(path, True, "authz-allowed", "Pejabat penilai, tanpa perubahan penilaian.", PENILAI)
            if self.reg.rating_approval == "atasan_pejabat_penilai":
                atasan = self.org.penilai_on(self.me, rng[1])
                req = Requirement("atasan pejabat penilai", frozenset({atasan} if atasan else ()))
                return Decision(path, True, "authz-allowed",
                                f"Pejabat penilai yang berlaku pada periode ini: perlu persetujuan atasan pejabat penilai "
                                f"{_names(self.data, req.people)}.", PENILAI, (req,))
            # Ratings are final by the penilai (decisions.md): the employee acknowledges after the
            # merge, and her silence or disagreement blocks nothing.
            return Decision(path, True, "authz-allowed",
                            "Pejabat penilai yang berlaku pada periode ini: penilaian dapat digabung bila pemeriksaan lolos. "
                            f"Pegawai {_label(self.data, person)} memberi tanda sudah membaca sesudah digabung (tidak menghalangi).",
                            PENILAI)
        if self.is_admin and not (C.PENILAI in parts and self.me not in penilai):
            return self._admin(path, "evaluasi pegawai lain", subject=person)
        if self.is_admin and self.me != person and self._own_correction(before, after):
            return self._admin(path, "koreksi penilaian, dengan catatan koreksi", subject=person)
        wrong = []
        if C.EMPLOYEE in parts and self.me != person:
            wrong.append(f"realisasi hanya diisi pegawai itu sendiri ({_label(self.data, person)})")
        if C.PENILAI in parts and self.me not in penilai:
            who = "Anda tidak boleh menilai diri sendiri; " if self.me == person else ""
            wrong.append(f"{who}penilaian dan status final hanya diisi pejabat penilai yang berlaku pada periode ini "
                         f"({_names(self.data, penilai)})")
        if C.PENILAI in parts and self.me not in penilai and self.is_admin and self.me != person:
            wrong.append("admin mengubah penilaian hanya lewat catatan koreksi (koreksi: oleh, tanggal, alasan) "
                         "yang ditambahkan di berkas ini")
        if C.KOREKSI in parts and not self.is_admin:
            wrong.append("catatan koreksi hanya dibuat admin")
        if C.OTHER in parts:
            wrong.append("berkas memuat kunci yang tidak dikenal format evaluasi")
        if not wrong:
            wrong.append(f"evaluasi ini milik {_label(self.data, person)}; Anda bukan pegawai itu maupun pejabat penilainya")
        code = "authz-not-penilai" if C.PENILAI in parts and self.me not in penilai else "authz-not-owner"
        return self._refuse(path, code, "Ditolak: " + "; ".join(wrong) + ".")

    def _calibration(self, path, keys, rng, before, after) -> Decision:
        """The tim penilai kinerja writes the record; only a person's penilai enacts (diberlakukan)."""
        bad = self._mismatch(path, after, "unit", keys["unit"])
        if bad:
            return bad
        bad = self._unreadable(path, before, after)
        if bad:
            return bad
        if self.is_admin:
            return self._admin(path, "catatan kalibrasi")
        if (before.get("koreksi") if isinstance(before, dict) else None) != (after.get("koreksi") if isinstance(after, dict) else None):
            return self._refuse(path, "authz-koreksi-missing", "Catatan koreksi hanya dibuat admin.")
        tim = frozenset(self.reg.tim_penilai)
        old_enacted, new_enacted = C.calibration_enactments(before), C.calibration_enactments(after)
        tim_changed = C.calibration_tim_part(before) != C.calibration_tim_part(after)
        enacted = sorted(k for k in set(old_enacted) | set(new_enacted) if old_enacted.get(k) != new_enacted.get(k))
        requires: list[Requirement] = []
        roles = []
        if tim_changed:
            if self.me not in tim:
                return self._refuse(path, "authz-calibration",
                    "Catatan kalibrasi hanya ditulis anggota tim penilai kinerja yang tercatat di organisation/instansi.yml "
                    f"(tim_penilai_kinerja: {_names(self.data, tim)}). Anda bukan anggota tim.")
            done = sorted(k for k, v in old_enacted.items() if v is not None)
            old_recs = {C._rec_key(r): r for r in C._recommendations(before)}
            new_recs = {C._rec_key(r): r for r in C._recommendations(after)}
            touched = [k for k in done if {a: b for a, b in (old_recs.get(k) or {}).items() if a != "diberlakukan"}
                       != {a: b for a, b in (new_recs.get(k) or {}).items() if a != "diberlakukan"}]
            if touched:
                return self._refuse(path, "authz-calibration",
                    f"Rekomendasi untuk {', '.join(touched)} sudah diberlakukan pejabat penilai dan tidak dapat diubah atau "
                    "dihapus lagi. Bila ada kekeliruan data, minta admin membuat koreksi.")
            others = frozenset(tim - {self.me})
            requires.append(Requirement("anggota tim penilai kinerja lain", others))
            roles.append("anggota tim penilai kinerja")
        for key in enacted:
            person = C.calibration_person(after if key in new_enacted else before, key)
            penilai = self._penilai(person, *rng)
            now = new_enacted.get(key)
            if old_enacted.get(key) is not None:
                return self._refuse(path, "authz-calibration-enact",
                    f"Rekomendasi untuk {key} sudah diberlakukan; pemberlakuan tidak dapat diubah atau dicabut kecuali lewat koreksi admin.")
            if self.me not in penilai or not isinstance(now, dict) or now.get("oleh") != self.me:
                return self._refuse(path, "authz-calibration-enact",
                    f"Rekomendasi untuk {key} hanya diberlakukan oleh pejabat penilainya ({_names(self.data, penilai)}), "
                    "yang mengisi diberlakukan: oleh dengan id dirinya sendiri.")
            requires.append(Requirement("pegawai yang dinilai (tanda telah membaca)", frozenset({person})))
            roles.append(f"pejabat penilai {person}")
        if not roles:
            if self.me in tim:
                return Decision(path, True, "authz-allowed", "Anggota tim penilai kinerja, tanpa perubahan isi.", "tim_penilai_kinerja")
            return self._refuse(path, "authz-calibration", "Catatan kalibrasi hanya diubah anggota tim penilai kinerja atau pejabat penilai yang memberlakukan.")
        role = "tim_penilai_kinerja" if tim_changed else PENILAI
        return Decision(path, True, "authz-allowed", f"Diizinkan sebagai {' dan '.join(roles)}.", role, tuple(requires))

    def _unit_result(self, path, keys, rng, after) -> Decision:
        unit = keys["unit"]
        bad = self._mismatch(path, after, "unit", unit)
        if bad:
            return bad
        parent = self.org.parent(unit)
        heads = {t.person for t in self.org.heads_between(parent, *rng)}
        current = self.org.head_on(parent, self.today) if parent else None
        if current:
            heads.add(current)
        if self.me in heads:
            req = Requirement("admin", frozenset(a for a in self.reg.admins if a != self.me))
            return Decision(path, True, "authz-allowed",
                            f"Kepala unit induk ({parent}) menetapkan predikat organisasi {unit}: perlu persetujuan admin.",
                            PARENT_HEAD, (req,))
        if self.is_admin:
            return self._admin(path, "predikat organisasi")
        return self._refuse(path, "authz-unit-result",
            f"Predikat organisasi {unit} ditetapkan oleh kepala unit induknya ({parent}: {_names(self.data, heads)}) atau admin.")


def _registration(root, data, actor, today, changed, base_tree, base_sha, head_sha) -> Verdict | None:
    """The verdict on a PR that only registers the actor's own account, or None."""
    from kinerja.review.account import registration_decision

    blobs = gitrev.read_blobs(root, [e.sha for ch in changed for e in (ch.before, ch.after) if e is not None and e.is_regular])
    decider = Decider(data, actor, today, blobs, root, base_tree)
    decisions = []
    for ch in changed:
        d = registration_decision(decider, ch, C.load_data(decider._raw(ch.before)), C.load_data(decider._raw(ch.after)))
        if d is None:
            return None
        decisions.append(d)
    return Verdict(actor, decisions, base_sha, head_sha, data)


def check_change(root: Path, base: str, head: str, login: str, github_id: int, today: date) -> Verdict:
    base_sha, head_sha = gitrev.resolve(root, base), gitrev.resolve(root, head)
    data = load_org(root, base_sha)
    actor = identify(data, login, github_id)
    changed, _t_base, _t_head = gitrev.changes(root, base_sha, head_sha)
    if actor.problem is not None and changed and all(C.kind_of(ch.path).name == "person" for ch in changed):
        # Daftarkan akun: an account not registered yet may record itself in a person file (account.py)
        registering = _registration(root, data, Actor(login, github_id, None), today, changed, _t_base, base_sha, head_sha)
        if registering is not None:
            return registering
    if actor.problem is not None:
        code, message = actor.problem
        return Verdict(actor, [Decision(ch.path, False, code, message) for ch in changed], base_sha, head_sha, data)
    shas = [e.sha for ch in changed for e in (ch.before, ch.after) if e is not None and e.is_regular
            and C.kind_of(ch.path).name in (*DATA_KINDS, "complaint", "person")]
    blobs = gitrev.read_blobs(root, shas)
    decider = Decider(data, actor, today, blobs, root, _t_base)
    decider.root, decider.base = root, base_sha  # the objection rules read the base's git history
    return Verdict(actor, [decider.decide(ch) for ch in changed], base_sha, head_sha, data)
