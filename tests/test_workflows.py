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


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def _runs(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


def _uses(job: dict, action: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").startswith(f"{action}@")]


def test_pages_build_knows_the_site_and_repository_addresses():
    build = _workflow("pages.yml")["jobs"]["build"]
    runs = _runs(build)
    assert 'gh api "repos/$GITHUB_REPOSITORY/pages" --jq .html_url' in runs, (
        "pages.yml: the build job must look up the GitHub Pages address with gh api"
    )
    assert 'SITE_URL=$url" >> "$GITHUB_ENV"' in runs, (
        "pages.yml: the build job must export the Pages address as SITE_URL for mkdocs.yml"
    )
    assert "exit 1" in runs, "pages.yml: a missing Pages address must fail the build job"
    assert build["permissions"].get("pages") == "read", (
        "pages.yml: the build job needs `pages: read` to look up its address"
    )
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}", (
        "pages.yml: the build job must set REPO_URL to the repository for mkdocs.yml"
    )


def test_pages_publishes_the_offline_zip():
    build = _workflow("pages.yml")["jobs"]["build"]
    runs = _runs(build)
    assert re.search(r"nox -s build offline\b", runs), "pages.yml: build the offline copy too"
    assert "cp site-offline.zip site/side-by-side-offline.zip" in runs, (
        "pages.yml: publish the offline zip inside the deployed site"
    )
    steps = [s.get("run", "") + s.get("uses", "") for s in build["steps"]]
    publish = next(i for i, s in enumerate(steps) if "upload-pages-artifact@" in s)
    copy = next(i for i, s in enumerate(steps) if "side-by-side-offline.zip" in s)
    assert copy < publish, "pages.yml: copy the zip into site/ before uploading the site"


def test_only_the_notebooks_job_may_write_and_it_pushes_the_notebooks_branch():
    for path in WORKFLOWS:
        for name, job in yaml.safe_load(path.read_text())["jobs"].items():
            writes = job.get("permissions", {}).get("contents") == "write"
            expected = (path.name, name) == ("pages.yml", "notebooks")
            assert writes == expected, (
                f"{path.name}: job {name} must {'' if expected else 'not '}have contents: write"
            )
    pages = _workflow("pages.yml")
    job = pages["jobs"]["notebooks"]
    assert job["needs"] == "build", "pages.yml: the notebooks job runs after the build job"
    assert set(job["permissions"]) == {"contents"}, "pages.yml: notebooks needs only contents"
    assert "push --force" in _runs(job) and "HEAD:refs/heads/notebooks" in _runs(job), (
        "pages.yml: the notebooks job must force-push one fresh commit to branch notebooks"
    )
    uploads = _uses(pages["jobs"]["build"], "actions/upload-artifact")
    downloads = _uses(job, "actions/download-artifact")
    assert [u["with"]["name"] for u in uploads] == ["notebooks"], (
        "pages.yml: the build job must upload the built notebooks as artefact `notebooks`"
    )
    assert uploads[0]["with"]["path"] == "site/notebooks/**/*.ipynb"
    assert [d["with"]["name"] for d in downloads] == ["notebooks"], (
        "pages.yml: the notebooks job must download the `notebooks` artefact"
    )


def test_ci_uploads_a_site_preview_on_pull_requests_only():
    steps = _workflow("ci.yml")["jobs"]["tests"]["steps"]
    preview = [s for s in steps if s.get("with", {}).get("name") == "site-preview"]
    assert preview, "ci.yml: upload the built site as artefact site-preview"
    assert preview[0].get("if") == "github.event_name == 'pull_request'", (
        "ci.yml: upload site-preview on pull requests only"
    )
    build = [s for s in steps if "mkdocs build --strict -d site" in s.get("run", "")]
    assert build and build[0].get("if") == "github.event_name == 'pull_request'", (
        "ci.yml: build the preview on pull requests only"
    )
    assert ".nox/tests/bin/python" in build[0]["run"], (
        "ci.yml: build the preview with the tests' environment and its warm snippet cache"
    )
    tests = next(s for s in steps if "bash .ci/run" in s.get("run", ""))
    assert steps.index(build[0]) > steps.index(tests), "ci.yml: build the preview after the tests"


def test_mkdocs_reads_its_addresses_from_the_environment(monkeypatch):
    from mkdocs.config import load_config

    text = (ROOT / "mkdocs.yml").read_text()
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in text
    assert "repo_url: !ENV REPO_URL" in text
    for name in ("SITE_URL", "REPO_URL", "REPO_NAME", "OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(ROOT)
    local = load_config(str(ROOT / "mkdocs.yml"))
    assert local.site_url == "http://127.0.0.1:8000/", "mkdocs.yml: a local build keeps localhost"
    assert local.repo_url is None, "mkdocs.yml: a local build shows no repository link"
    offline = local.plugins["material/offline"].config
    assert offline.enabled is False, "mkdocs.yml: the offline plugin must be off by default"
    monkeypatch.setenv("SITE_URL", "https://owner.github.io/repo/")
    monkeypatch.setenv("REPO_URL", "https://github.com/owner/repo")
    monkeypatch.setenv("REPO_NAME", "owner/repo")
    monkeypatch.setenv("OFFLINE", "true")  # As `nox -s offline` sets it.
    published = load_config(str(ROOT / "mkdocs.yml"))
    assert published.site_url == "https://owner.github.io/repo/", "mkdocs.yml: read SITE_URL"
    assert published.repo_url == "https://github.com/owner/repo", "mkdocs.yml: read REPO_URL"
    assert published.repo_name == "owner/repo", "mkdocs.yml: read REPO_NAME"
    assert published.plugins["material/offline"].config.enabled, "mkdocs.yml: read OFFLINE"
