"""Shared fixtures: the project's configuration and one cached run of every snippet."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sidebyside.config import load_config
from sidebyside.discover import all_snippets, discover
from sidebyside.run import run_all

ROOT = Path(__file__).resolve().parents[1]
CONFIG = load_config(ROOT)
TOPICS = discover(CONFIG)
SNIPPETS = all_snippets(TOPICS)
GPU_ENV = "SIDEBYSIDE_REQUIRE_GPU"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-gpu",
        action="store_true",
        default=os.environ.get(GPU_ENV) == "1",
        help=f"fail, rather than skip, when a framework sees no GPU (or set {GPU_ENV}=1)",
    )


@pytest.fixture(scope="session")
def require_gpu(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--require-gpu"))


@pytest.fixture(scope="session")
def runs():
    """Run every snippet once (cached results are reused), in parallel."""
    return run_all(CONFIG, SNIPPETS)
