"""The GitHub Actions workflows follow the project's security rules."""

from __future__ import annotations

import re
import tomllib

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
    assert ".nox/site/bin/python" in build[0]["run"], (
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


def _cache_path() -> str:
    """The snippet cache folder that pyproject.toml names (whatever SIDEBYSIDE_CACHE says)."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["sidebyside"]["cache"]


def _ci_cache_steps(job: dict, action: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").startswith(f"actions/cache/{action}@")]


def test_ci_runs_the_snippets_as_a_shard_matrix_and_merges_their_caches():
    ci = _workflow("ci.yml")
    shards = ci["jobs"]["snippets"]
    matrix = shards["strategy"]["matrix"]["shard"]
    assert matrix == list(range(1, int(ci["env"]["SHARDS"]) + 1)), (
        "ci.yml: the snippets matrix must list shards 1..SHARDS"
    )
    run = next(s["run"] for s in shards["steps"] if "--shard" in s.get("run", ""))
    assert "--shard ${{ matrix.shard }}/$SHARDS" in run, run
    # A run records each notebook cell's outputs: no flag executes notebooks any more.
    assert "--notebooks" not in run, f"ci.yml: `--notebooks` is gone from `sidebyside run`: {run}"
    uploads = _uses(shards, "actions/upload-artifact")
    assert uploads and uploads[0]["with"]["name"] == "cache-shard-${{ matrix.shard }}"
    cache_path = _cache_path()
    assert uploads[0]["with"]["path"].rstrip("/") == cache_path
    tests = ci["jobs"]["tests"]
    assert tests.get("needs") == "snippets", "ci.yml: the tests job must wait for the shards"
    merge = _uses(tests, "actions/download-artifact")
    assert merge and merge[0]["with"] == {
        "pattern": "cache-shard-*",
        "path": cache_path,
        "merge-multiple": True,
    }, "ci.yml: the tests job must merge every shard's cache into the snippet cache"
    runs = [s.get("run", "") for s in tests["steps"]]
    check = next(i for i, r in enumerate(runs) if "sidebyside missing" in r)
    assert check < next(i for i, r in enumerate(runs) if "bash .ci/run" in r), (
        "ci.yml: prove that the build runs no snippet before the tests build the site"
    )


def test_ci_restores_and_saves_the_snippet_cache_by_lock_file_and_snippet_tree():
    ci = _workflow("ci.yml")
    cache_path = _cache_path()
    for name in ("snippets", "tests"):
        restore = _ci_cache_steps(ci["jobs"][name], "restore")
        assert restore, f"ci.yml: the {name} job must restore the snippet cache"
        key = restore[0]["with"]["key"]
        assert "hashFiles('constraints.txt'" in key and "'snippets/**'" in key, key
        assert restore[0]["with"]["path"] == cache_path
        assert restore[0]["with"]["restore-keys"] == key.split("}}-", 1)[0] + "}}-", (
            "ci.yml: fall back to the newest cache of the same lock file"
        )
    save = _ci_cache_steps(ci["jobs"]["tests"], "save")
    assert save and save[0]["with"]["key"] == restore[0]["with"]["key"], (
        "ci.yml: save the merged cache under the key the jobs restore"
    )


SHARED_ENV_SESSIONS = ("tests", "unit", "reader", "bench", "build", "serve", "offline", "env")


def test_project_sessions_share_one_environment():
    import ast

    tree = ast.parse((ROOT / "noxfile.py").read_text())
    sessions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    for name in SHARED_ENV_SESSIONS:
        body = ast.unparse(sessions[name])
        assert "python=False" in body.split("\n", 1)[0], (
            f"noxfile.py: session {name} must not create an environment of its own (python=False)"
        )
        assert "site_run(" in body or "site_env(" in body, (
            f"noxfile.py: session {name} must run in the shared environment (site_run/site_env)"
        )
        assert "session.install(" not in body, f"noxfile.py: session {name} installs on its own"
