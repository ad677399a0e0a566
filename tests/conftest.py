"""Session-wide fixtures. The helpers live in kthelpers.py: tests import them from there,
because every conftest.py is a module named "conftest" and tests/site has its own."""

from kthelpers import _private_cache, demo, demo_git, kinerja  # noqa: F401  (fixtures)
