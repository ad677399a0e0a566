"""The HTML builder itself refuses attributes that run script or load content, whoever calls it.

No caller passes these today, so only a test of the builder notices if the refusal goes
(issue 17). Names are given the ways Python lets a caller spell them (`srcdoc_`, `on_click`)."""

from __future__ import annotations

import pytest

from kinerja.publish import html

REFUSED = ["srcdoc", "srcdoc_", "formaction", "formaction_", "style", "onclick", "onmouseover", "on_error", "onload_"]


@pytest.mark.parametrize("name", REFUSED)
@pytest.mark.parametrize("tag", ["iframe", "button", "a", "div"])
def test_builder_refuses_script_and_content_attributes(tag, name):
    with pytest.raises(ValueError, match="not allowed"):
        html.el(tag, "x", **{name: "alert(1)"})


@pytest.mark.parametrize("name", ["Srcdoc", "FORMACTION", "OnClick", "on-click", "x y", "a=b", "1a"])
def test_builder_refuses_attribute_names_outside_lower_case_words(name):
    with pytest.raises(ValueError):
        html.el("div", "x", **{name: "1"})


def test_builder_still_writes_ordinary_attributes():
    # the refusals above are not a builder that refuses everything
    out = html.el("a", "x", href="../unit/", class_="k", data_unit="disdik", rel="nofollow noopener", hidden=True)
    assert out == '<a href="../unit/" class="k" data-unit="disdik" rel="nofollow noopener" hidden>x</a>'
