"""The complaint list's one-pass builder (publish/suara.complaint_block) writes the bytes the
el()-based builder wrote, for hostile text too; the open-data JSON writer writes json.dumps'
text; a unit's merged figures are the figures of all its complaints. Issue 14 (speed) must
not change what a citizen sees, nor let any user text out of its escaping."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from kinerja.publish import suara
from kinerja.publish.html import Html, block, el, esc, link_out
from kinerja.publish.suara_projection import PublicClock, PublicComplaint, PublicFollowUp, PublicStep
from kinerja.suara.summary import Figures

PAYLOADS = [line.replace("⏎", "\n") for line in (Path(__file__).resolve().parents[1] / "site" / "payloads.txt")
            .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
ODD = ["", "\n", "\r\nawal", "akhir\r\n", "a\rb\nc\r\nd", "tab\tdi\ttengah", "\x00\x07\x1b\x7f\x85\x9f",
       "\u2028\u2029\u202e\u2066\ufeff", "  spasi  ", "&amp; &lt;", "'\"`", "\u00a0nbsp", "😀 emoji", "\x0b\x0c"]


def reference_block(c) -> Html:
    """publish/suara.complaint_block as it was (commit 1cc552c), through el()."""
    d, days, unv = suara._d, suara._days, suara.UNVERIFIED
    steps = el("ol", [el("li", f"{d(st.tanggal)}: {st.status}" + (f" (LAPOR!: {st.lapor})" if st.lapor else ""),
                         el("br") if st.keterangan else None, st.keterangan or None) for st in c.riwayat])
    clocks = el("ul", [el("li", f"{k.nama} ({k.hari} {days(k.jenis)}{'' if k.verified else ', ' + unv}): jatuh tempo {d(k.due)}, "
                       + (f"dijalankan {d(k.done)}" + (", tepat waktu" if k.on_time else f", terlambat {k.late} {days(k.jenis)}")
                          if k.done else (f"belum dijalankan, terlambat {k.late} {days(k.jenis)}" if k.late else "belum jatuh tempo")))
                       for k in c.clocks if k.due is not None])
    follow = el("ul", [el("li", f"{d(t.tanggal)} — {t.unit}: {t.uraian}",
                          *([esc(" "), link_out(t.perubahan, "perubahan perbaikan")] if t.perubahan else []))
                       for t in c.tindak_lanjut]) if c.tindak_lanjut else el("p", "Belum ada tindak lanjut.")
    return el("section", el("h3", f"Pengaduan {c.nomor}"),
              el("p", f"Diterima {d(c.diterima)} lewat {c.kanal} · kategori {c.kategori} · status {c.status}"),
              el("p", c.ringkasan, class_="kt-ringkasan"), el("h4", "Riwayat status"), steps, el("h4", "Tenggat"), clocks,
              el("h4", "Tindak lanjut"), follow, class_="kt-pengaduan")


def complaint(rng: random.Random, n: int) -> PublicComplaint:
    texts = PAYLOADS + ODD
    t = lambda: rng.choice(texts) if rng.random() < 0.8 else None  # noqa: E731
    day = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
    steps = tuple(PublicStep(rng.choice(texts), rng.choice(["", "Proses", t() or ""]), day + timedelta(days=i), t())
                  for i in range(rng.randrange(4)))
    follow = tuple(PublicFollowUp(day, rng.choice(texts), rng.choice(texts), rng.choice([None, "https://a.example/x?q=1&b=\"2\""]))
                   for _ in range(rng.randrange(3)))
    clocks = tuple(PublicClock(rng.choice(texts), rng.randrange(1, 20), rng.choice(["kerja", "kalender"]),
                               rng.choice([None, day]), rng.choice([None, day]), rng.randrange(3), rng.choice([None, True, False]),
                               rng.random() < 0.5) for _ in range(rng.randrange(4)))
    return PublicComplaint(nomor=rng.choice(texts), tahun=2026, kanal=rng.choice(texts), diterima=day, unit="u", layanan="l",
                           kategori=rng.choice(texts), kategori_kode="k", status=rng.choice(texts), terbuka=True,
                           ringkasan=t(), riwayat=steps, tindak_lanjut=follow, clocks=clocks, fiktif=True)


def test_complaint_block_writes_the_el_bytes_for_hostile_text():
    rng = random.Random(14)
    cases = [complaint(rng, n) for n in range(600)]
    assert len(PAYLOADS) > 100
    for c in cases:
        new = suara.complaint_block(c)
        assert isinstance(new, Html)
        # one block per complaint before; now one block holding a <div> per complaint: the same bytes per complaint
        assert block(Html("<div>" + new + "</div>")) == block(Html("<div>" + reference_block(c) + "</div>"))
    page = block(Html("".join(f"<div>{suara.complaint_block(c)}</div>" for c in cases)))
    assert page == "\n" + "".join(block(Html("<div>" + reference_block(c) + "</div>")).strip("\n") for c in cases) + "\n\n"
    assert "<img src=x onerror" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def _esc_without_shortcut(value) -> str:
    """html.esc as it was before its printable-text shortcut (commit 1cc552c)."""
    import html as stdlib_html

    from kinerja.publish.html import _CONTROL, _NEWLINES

    if isinstance(value, Html):
        return value
    text = _CONTROL.sub("", "" if value is None else str(value))
    return "<br>".join(stdlib_html.escape(p, quote=True) for p in _NEWLINES.split(text.strip("\r\n")))


def test_fast_escape_is_esc():
    # esc() returns html.escape() at once for printable text (the complaint list's usual case):
    # the same text as its full path, for every payload and odd character
    for text in PAYLOADS + ODD + [None, Html("<b>kode</b>"), "biasa", "\u00adlunak", "\u200bnol"]:
        assert esc(text) == _esc_without_shortcut(text), repr(text)


def test_open_data_json_is_json_dumps():
    rng = random.Random(7)
    texts = PAYLOADS + ODD
    rows = [{"nomor": rng.choice(texts), "tahun": rng.randrange(2020, 2030), "nrr": rng.random() * 4, "ikm": 75.25, "x": None,
             "ok": rng.choice([True, False]), "teks": rng.choice(texts)} for _ in range(300)]
    for case in ([], [{}], rows, [{"a": 1}, {}, {"b": "\n"}]):
        assert suara._json_rows(case) == json.dumps(case, ensure_ascii=False, indent=1)


def test_merged_figures_are_the_figures_of_the_union():
    rng = random.Random(3)
    parts = []
    for _ in range(5):
        f = Figures(total=rng.randrange(9), open=rng.randrange(5), overdue=rng.randrange(3),
                    by_category={k: rng.randrange(1, 4) for k in rng.sample("abcde", rng.randrange(4))},
                    within={k: (rng.randrange(3), 3) for k in rng.sample(["t1", "t2"], rng.randrange(3))},
                    first_response=[rng.randrange(9) for _ in range(rng.randrange(4))], resolution=[rng.randrange(30)])
        parts.append(f)
    m = Figures.merged(parts)
    assert m.total == sum(p.total for p in parts) and m.open == sum(p.open for p in parts) and m.overdue == sum(p.overdue for p in parts)
    for k in "abcde":
        assert m.by_category.get(k, 0) == sum(p.by_category.get(k, 0) for p in parts)
    for k in ("t1", "t2"):
        got = [p.within[k] for p in parts if k in p.within]
        assert m.within.get(k, (0, 0)) == (sum(a for a, _ in got), sum(b for _, b in got))
    assert sorted(m.first_response) == sorted(x for p in parts for x in p.first_response)
    assert Figures.merged([]) == Figures()
