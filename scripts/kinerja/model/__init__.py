"""The data model: schemas, periods and the typed records built from validated files."""
