"""Fairness of ratings (`kinerja fairness`): per pejabat penilai and per assessment group,
the distribution of what was given against the unit and the regency, leniency and
central-tendency flags, the gap to the predikat organisasi, evidence behind "di atas",
and timeliness from git. Before and after calibration.

Private output (it names supervisors): made on an admin's machine, never a CI artifact.
Thresholds and definitions are rule data (`keadilan` in the rule set), shown on Metodologi.
"""
