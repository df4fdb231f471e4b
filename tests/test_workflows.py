"""The GitHub Actions workflows follow the project's security rules."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_locked_down(path):
    text = path.read_text()
    data = yaml.safe_load(text)
    assert "pull_request_target" not in text, f"{path.name}: never use pull_request_target"
    for ref in re.findall(r"uses:\s*(\S+)", text):
        assert re.search(r"@[0-9a-f]{40}$", ref), f"{path.name}: pin {ref} to a full commit SHA"
    assert "permissions" in data or all("permissions" in j for j in data["jobs"].values()), (
        f"{path.name}: declare least-privilege permissions"
    )
    assert "secrets." not in text, f"{path.name}: no job may hand secrets to contributors' code"


def test_expected_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "gpu.yml", "canary.yml", "pages.yml"} <= names
    assert "bash .ci/run" in (ROOT / ".github/workflows/ci.yml").read_text()
    assert "nox -s lint tests" in (ROOT / ".ci" / "run").read_text()
    assert "nox -s lint tests" in (ROOT / "README.md").read_text()
    assert "nox -s gpu" in (ROOT / ".github/workflows/gpu.yml").read_text()


def test_canary_checks_external_links():
    canary = yaml.safe_load((ROOT / ".github/workflows/canary.yml").read_text())
    steps = canary["jobs"]["links"]["steps"]
    checker = [s for s in steps if "lycheeverse/lychee-action@" in s.get("uses", "")]
    assert checker, "canary.yml: the links job must run lychee over the built site"
    assert checker[0]["with"]["fail"] is True, "canary.yml: a dead link must fail the links job"
    assert "site/" in checker[0]["with"]["args"], "canary.yml: lychee must check the built pages"
