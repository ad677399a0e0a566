"""Arbitrary cells never crash the importer: every outcome is a plan or located findings."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kthelpers import copy_demo
from oihelpers import ANDI, PEOPLE_HEADER, SITI, write_csv

from kinerja.findings import CODES, ERROR
from kinerja.orgio.columns import PEOPLE_COLUMNS, UNIT_COLUMNS
from kinerja.orgio.importer import ImportPlan, ImportUsageError, plan_import

ALL_PEOPLE = [c.name for c in PEOPLE_COLUMNS]
ALL_UNITS = [c.name for c in UNIT_COLUMNS]


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return copy_demo(tmp_path_factory.mktemp("props") / "repo")


@pytest.fixture(autouse=True)
def _key():
    old = os.environ.get("KINERJA_KUNCI_NIP")
    os.environ["KINERJA_KUNCI_NIP"] = "kunci-uji-properti-" + "x" * 20
    yield
    if old is None:
        os.environ.pop("KINERJA_KUNCI_NIP", None)
    else:
        os.environ["KINERJA_KUNCI_NIP"] = old


def _check(plan: ImportPlan) -> None:
    assert isinstance(plan, ImportPlan)
    for f in plan.findings:
        assert f.code in CODES, f
        assert f.message and "Traceback" not in f.message
        assert "\n" not in f.message
    if plan.errors:
        assert plan.writes == {}
    # whatever would be written is valid YAML through the strict loader
    from kinerja.loader import load_text

    for text in plan.writes.values():
        load_text(text)


cell_text = st.text(max_size=30)
tricky = st.sampled_from(["", " ", "=1+1", "+62", "-", "@x", "'=x", "2026-02-30", "31/12/2027", "ya", "tidak",
                          "disdik-0042", "disdik-sdn-12-mb", "fungsional", "III/b", "199207232019032011",
                          "1992 0723 2019 03 2 011", "\u202e", "\x00", "a\nb", "S-1", "9" * 20, "pns", "non_asn"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    header=st.lists(st.sampled_from(ALL_PEOPLE + ["lain", "", "ID_PEGAWAI "]), min_size=1, max_size=12),
    rows=st.lists(st.lists(st.one_of(cell_text, tricky), max_size=14), max_size=6),
)
def test_arbitrary_csv_cells_never_crash(repo, tmp_path_factory, header, rows):
    path = write_csv(tmp_path_factory.mktemp("csv") / "x.csv", header, rows)
    try:
        plan = plan_import(repo, [path])
    except ImportUsageError as exc:
        assert str(exc)
        return
    _check(plan)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    column=st.sampled_from(PEOPLE_HEADER),
    value=st.one_of(
        st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20), st.floats(allow_nan=True),
        st.dates(min_value=date(1, 1, 1)), st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 1, 1)),
        st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40), tricky.filter(lambda s: "\x00" not in s and "\n" not in s),
    ),
)
def test_arbitrary_xlsx_cells_never_crash(repo, tmp_path_factory, column, value):
    import openpyxl

    path = tmp_path_factory.mktemp("xlsx") / "x.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws.append(PEOPLE_HEADER)
    for base in (ANDI, SITI):
        ws.append([None if v == "" else v for v in base])
    try:
        ws.cell(row=3, column=PEOPLE_HEADER.index(column) + 1, value=value)
    except (ValueError, TypeError):  # openpyxl itself refuses the value: nothing to import
        return
    wb.save(path)
    plan = plan_import(repo, [path])
    _check(plan)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(st.lists(st.one_of(cell_text, tricky, st.sampled_from(["disdik", "disdik-bid-sd", "sekolah", "bidang"])), min_size=6, max_size=11), max_size=5))
def test_arbitrary_unit_cells_never_crash(repo, tmp_path_factory, rows):
    path = write_csv(tmp_path_factory.mktemp("unit") / "u.csv", ALL_UNITS, rows)
    plan = plan_import(repo, [path])
    _check(plan)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(repo, tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("raw") / "r.csv"
    path.write_bytes(b"id_pegawai,nama\r\n" + raw)
    try:
        plan = plan_import(repo, [path])
    except ImportUsageError as exc:
        assert str(exc)
        return
    _check(plan)
    if any(f.code == "import-encoding" for f in plan.errors):
        assert all(f.severity == ERROR for f in plan.findings if f.code == "import-encoding")
