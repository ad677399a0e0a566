"""The review workflow on GitHub: who may change what, whose approval a change needs,
CODEOWNERS, issue forms, reminders and the sticky PR comment.

Everything here reads a git repository through `gitrev` (never the work tree of a PR), so
the same code decides locally, in tests and in CI.
"""
