"""The one rule for links a user writes (evidence, complaint channels).

Used verbatim by the schema (`schemas/common.schema.json` `$defs/url`, a test checks the
text is the same), the issue forms (review/lineformat.py) and the public projection
(publish/projection.py `safe_url`). Absolute http(s) in lower case; the authority is a plain
host name with an optional port, so `user:password@host` (a pasted token) and
`https://bank.example@evil.example/` (a host hidden behind a user name) are refused; no
whitespace (Unicode too), quotes, angle brackets, backslashes, backticks, control, invisible or
bidi characters anywhere.
The text is both a Python `re` and a valid ECMA-262 pattern in Unicode mode (what editors
and JSON Schema tools in JavaScript compile), with the same meaning in both.
"""

from __future__ import annotations

import re
from functools import lru_cache

MAX_LENGTH = 500
PATTERN = r'''https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:[/?#][^\s\x00-\x20\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"'<>\\`]*)?'''
SCHEMA_PATTERN = "^" + PATTERN + r"(?![\s\S])"  # anchored without `$`, which would accept a trailing line break

_URL = re.compile(PATTERN)


def is_safe_url(url) -> bool:
    return isinstance(url, str) and _verdict(url)


@lru_cache(maxsize=4096)
def _verdict(url: str) -> bool:
    """The rule's verdict, once per distinct URL (the site checks every evidence link; the same
    document is often cited for several RHK and periods)."""
    return len(url) <= MAX_LENGTH and _URL.fullmatch(url) is not None
