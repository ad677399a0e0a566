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


NIK = "3201012345678901"  # 16 digits: the shortest NIP-shaped run


def test_the_shortest_nip_shaped_string_is_hidden_and_shorter_runs_are_kept():
    assert redact(NIK) == "(disembunyikan)"
    assert redact(NIK[:15]) == NIK[:15]
    assert redact(["a" + NIK, NIK + "b"]) == ["a(disembunyikan)", "(disembunyikan)b"]


class Kode(str):  # a str subclass, as an enum value is
    pass


class Daftar(list):
    pass


class Pasangan(tuple):
    pass


class Peta(dict):
    pass


def test_subclasses_of_str_list_tuple_and_dict_are_walked_too():
    assert redact(Kode(NIK)) == "(disembunyikan)"
    short = Kode("baik")
    assert redact(short) is short  # an enum value without a NIP is kept as it is
    assert redact(Daftar([NIK, 1])) == ["(disembunyikan)", 1]
    assert redact(Pasangan((NIK, 2))) == ("(disembunyikan)", 2)
    assert redact(Peta({"k": NIK})) == {"k": "(disembunyikan)"}
    assert redact({"k": (NIK, [NIK])}) == {"k": ("(disembunyikan)", ["(disembunyikan)"])}


def test_leaves_are_returned_unchanged():
    import datetime
    from fractions import Fraction

    for leaf in (3201012345678901, 1.5, True, None, Fraction(1, 3), datetime.date(2026, 1, 1),
                 datetime.datetime(2026, 1, 1, 8, 0)):
        assert redact(leaf) is leaf


@dataclass
class PublicNode:
    teks: str
    berikut: object = None
    url: str = ""


def test_a_cycle_of_public_records_is_walked_once():
    a = PublicNode(f"a {NIP}")
    b = PublicNode(f"b {NIP}", a)
    a.berikut = b
    assert redact(a) is a
    assert (a.teks, b.teks) == ("a (disembunyikan)", "b (disembunyikan)") and a.berikut is b and b.berikut is a


@dataclass(frozen=True)
class PublicBeku:
    teks: str
    turunan: str = field(init=False, default="")


def test_frozen_records_are_replaced_and_fields_outside_init_left_alone():
    rec = PublicBeku(f"x {NIP}")
    out = redact([rec, rec])
    assert out[0].teks == "x (disembunyikan)" and out[0] is out[1]  # replaced once, shared
    assert rec.teks == f"x {NIP}"  # the frozen original is not changed


@dataclass
class Projection:
    unit: list
    url: str
    policy: str


def test_the_whole_projection_is_redacted_in_place_except_links_and_configuration():
    from kinerja.publish.projecting.redact import redacted

    leaf = PublicLeaf(f"NIP {NIP}")
    proj = Projection([leaf, f"{NIP}"], f"https://a.example/{NIP}", f"kebijakan {NIP}")
    assert redacted(proj) is proj
    assert proj.unit == [leaf, "(disembunyikan)"] and leaf.teks == "NIP (disembunyikan)"
    assert proj.url == f"https://a.example/{NIP}" and proj.policy == f"kebijakan {NIP}"


def test_a_nip_shaped_string_of_exactly_the_shortest_length_is_hidden_wherever_it_sits():
    # 16 digits (a NIK) is the shortest NIP-shaped run: the length test must let it through
    # in a list, a tuple, a mapping and a record field, and a longer string at the root too
    hidden = "(disembunyikan)"
    assert redact([NIK]) == [hidden] and redact((NIK,)) == (hidden,)
    assert redact({"k": NIK}) == {"k": hidden}
    assert redact(PublicLeaf(NIK)).teks == hidden
    assert redact("a" + NIK) == "a" + hidden


def test_the_pickle_pre_check_finds_every_nip_and_walks_what_it_cannot_pickle():
    from kinerja.publish.projecting.redact import may_hold_nip

    for text in (NIP, SPACED, NIK, "0000000000000000", "9999999999999999"):  # every digit counts, 0 and 9 too
        assert may_hold_nip([PublicLeaf(text)]), text
    assert not may_hold_nip([PublicLeaf("teks biasa 1234567")])  # seven digits in a row: no NIP possible
    cycle: list = []
    cycle.append(cycle)
    assert may_hold_nip([cycle])  # pickle without a memo cannot write a cycle: the walk decides


def test_every_value_of_a_mapping_is_walked_after_a_short_one():
    # a short value first, then a long text holding a NIP, then a NIK: each is looked at
    # (a dict's walk must not stop or skip by length after the first value)
    peta = {"a": "pendek", "b": f"NIP {NIP} di teks", "c": 7, "d": NIK, "e": f"lagi {SPACED} lagi"}
    assert redact(peta) == {"a": "pendek", "b": "NIP (disembunyikan) di teks", "c": 7, "d": "(disembunyikan)",
                            "e": "lagi (disembunyikan) lagi"}
    assert redact(["pendek", f"NIP {NIP} di teks"]) == ["pendek", "NIP (disembunyikan) di teks"]
    assert redact(PublicTree("pendek", peta={"a": "x", "b": f"y {NIP}"})).peta == {"a": "x", "b": "y (disembunyikan)"}


def test_what_holds_no_nip_is_returned_as_it_is():
    # long texts without a NIP: no container is copied and no frozen record replaced (the walk
    # keeps shared objects shared and allocates nothing on the usual, NIP-free projection)
    long_text = "Terlaksananya pembelajaran berbasis proyek di kelas IV"
    items = [long_text, ("kode 1234567", long_text), {"k": long_text}]
    assert redact(items) is items
    assert all(redact(x) is x for x in items)
    beku = PublicFrozen(long_text, (long_text, PublicLeaf(long_text)))
    assert redact(beku) is beku
    tree = PublicTree(long_text, [long_text], {"k": long_text}, beku)
    assert redact(tree) is tree and tree.daun[0] is long_text and tree.beku is beku
