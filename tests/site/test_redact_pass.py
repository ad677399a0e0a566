"""The projection's second line of defence (publish/projecting/redact.py): every public string
with a NIP-shaped run is hidden, wherever the record sits, however often it is reached."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.publish.projecting.redact import redact

NIP = "198501012010011001"  # 18 digits
SPACED = "19850101 201001 1 001"


@dataclass
class PublicLeaf:
    teks: str
    angka: int = 0
    url: str = ""  # a link field: never rewritten


@dataclass(frozen=True)
class PublicFrozen:
    teks: str
    daun: tuple = ()


@dataclass
class PublicTree:
    nama: str
    daun: list = field(default_factory=list)
    peta: dict = field(default_factory=dict)
    beku: PublicFrozen | None = None


@dataclass
class Private:  # not a public record: left alone
    teks: str


def test_every_reachable_string_is_hidden_once_and_shared_records_stay_shared():
    shared = PublicLeaf(f"NIP {NIP} di teks", 3, url=f"https://contoh.example/{NIP}")
    tree = PublicTree(
        nama=f"Nama {SPACED}",
        daun=[shared, shared, "pendek 123", f"x{NIP}9"],
        peta={"a": shared, "b": (f"({NIP})", 7, None, True)},
        beku=PublicFrozen(f"beku {NIP}", (shared, PublicLeaf("tanpa nomor"))),
    )
    other = Private(f"rahasia {NIP}")
    out = redact([tree, tree, other])
    assert out[0] is tree and out[1] is tree  # changed in place, reached twice
    assert tree.nama == "Nama (disembunyikan)"
    assert shared.teks == "NIP (disembunyikan) di teks" and shared.angka == 3
    assert shared.url == f"https://contoh.example/{NIP}"  # links are checked elsewhere, never rewritten
    assert tree.daun[0] is shared and tree.daun[1] is shared and tree.peta["a"] is shared
    assert tree.daun[2] == "pendek 123"
    assert tree.daun[3] == "x(disembunyikan)"  # 19 digits in a row: NIP-shaped too
    assert tree.peta["b"] == ("((disembunyikan))", 7, None, True)
    assert tree.beku.teks == "beku (disembunyikan)" and tree.beku.daun[0] is shared
    assert tree.beku.daun[1].teks == "tanpa nomor"
    assert other.teks == f"rahasia {NIP}"  # only public records are walked
