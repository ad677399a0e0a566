"""`kinerja check-forms`: the issue-form templates are valid and match the converters."""

from __future__ import annotations

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, add_root, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("check-forms", help="periksa templat formulir isu di .github/ISSUE_TEMPLATE/")
    add_root(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kinerja.review.forms import FIELDS, FORMS, TEMPLATE_DIR, FormError, check_template, template_fields

    root = resolve_root(args.root)
    problems = []
    folder = root / TEMPLATE_DIR
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        if path.name == "config.yml":
            continue
        problems += check_template(path.read_bytes(), path.name)
    for key, spec in FORMS.items():
        try:
            ids = [f.id for f in template_fields(root, spec)]
        except FormError as exc:
            problems.append(str(exc))
            continue
        if sorted(ids) != sorted(FIELDS[key]):
            problems.append(f"{spec.template}: isian {sorted(ids)} tidak sama dengan yang dibaca pengubah formulir {sorted(FIELDS[key])}.")
        missing = [r for r in spec.required if r not in ids]
        if missing:
            problems.append(f"{spec.template}: isian wajib {missing} tidak ada.")
    for p in problems:
        print(f"kesalahan form-template-invalid: {p}")
    print("Templat formulir isu sah." if not problems else f"{len(problems)} masalah pada templat formulir isu.")
    return EXIT_FINDINGS if problems else EXIT_OK
