"""People, units and assignments in and out of spreadsheets (`kinerja import` / `kinerja export`).

columns.py  the column table (read by both directions and documented in the admin guide)
table.py    CSV / .xlsx -> located cells (formulas, encodings, hidden characters refused)
cells.py    one row's cells -> typed values, with a finding per bad cell
nip.py      NIP shape checks and the keyed hash (sidik) that replaces the NIP
state.py    the organisation files as documents, their bytes and header comments
importer.py rows -> the new text of every changed file, the change list, the findings
exporter.py the current data -> rows in the same columns (CSV or .xlsx)
emit.py     documents -> YAML text (quoting emitter), old comments carried back beside their lines
"""
