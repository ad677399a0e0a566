"""Career dossier (`kinerja career`): positions, predikat, angka kredit ledger, kenaikan
pangkat eligibility as of a date, PPPK contract renewal view, SIASN export.

Private output: made on an admin's machine (or by a person for herself), never published
and never a CI artifact. Fed by the same records as the scorer; the rules it applies are
data (`rules/karier/*.yml`, read by `career/rules.py`).
"""
