"""The installed PySide6 must count its references: a build that does not kills a long panel."""

from __future__ import annotations

import sys

import pytest

from ui.panel import refcounts


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_the_installed_pyside6_does_not_leak_references_to_none(qapp: object) -> None:
    assert not refcounts.leaks(), (
        "This PySide6 takes a reference from None on every void call: pin an earlier release "
        "in pyproject.toml (see ui/panel/refcounts.py)."
    )
