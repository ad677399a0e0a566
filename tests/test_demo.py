"""The demo regency is the newcomer's first experience: it must always validate."""

from kthelpers import ROOT, run_kinerja


def test_demo_validates_with_exit_0():
    result = run_kinerja("validate", "--tanpa-cache", "--akar", str(ROOT))
    assert result.code == 0, result
    assert "0 kesalahan" in result.out or "Tidak ada masalah" in result.out


def test_demo_json_report_has_envelope():
    import json

    result = run_kinerja("validate", "--format", "json", "--akar", str(ROOT))
    doc = json.loads(result.out)
    assert set(doc) >= {"findings", "summary"}
    assert doc["summary"]["errors"] == 0
    for f in doc["findings"]:
        assert set(f) >= {"file", "line", "column", "severity", "code", "message"}
