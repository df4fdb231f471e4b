"""Runs last in this folder (files run in name order): the unit layer imported no framework."""

from __future__ import annotations

import sys


def test_no_framework_was_imported():
    loaded = sorted(m for m in ("torch", "tensorflow", "keras", "jax") if m in sys.modules)
    assert not loaded, f"the unit tests imported {loaded}: keep framework code out of tests/unit"
