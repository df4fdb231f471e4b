"""Every snippet file runs to success in its framework; results agree where a topic says so."""

from __future__ import annotations

import pytest
from conftest import CONFIG, SNIPPETS, TOPICS

from sidebyside.content.compare import agreements


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_snippet(snippet, runs, require_gpu):
    results, failures = runs
    if snippet.absent:
        message = (
            f"{snippet.id}: not run, this environment cannot import {', '.join(snippet.absent)} "
            "(topic.toml `requires`)"
        )
        if require_gpu:
            pytest.fail(message + "; the GPU session must install it.", pytrace=False)
        pytest.skip(message)
    if snippet.id in failures:
        pytest.fail(f"{failures[snippet.id]}\nFix the snippet, then rerun.", pytrace=False)
    assert snippet.id in results, f"{snippet.id}: the runner kept neither a result nor a failure"


COMPARED = [t for t in TOPICS.values() if t.compare]


@pytest.mark.parametrize("topic", COMPARED, ids=lambda t: t.name)
def test_frameworks_agree(topic, runs):
    results, failures = runs
    if any(s.id in failures for s in topic.snippets.values()):
        pytest.skip(f"{topic.name}: a snippet failed; see test_snippet")
    found = agreements(topic, results)
    assert found, f"{topic.name}: [compare] is set but fewer than two frameworks ran"
    bad = [str(a) for a in found if not a.agrees]
    assert not bad, "\n".join(bad) + "\nFix the snippets or justify a looser tolerance."


@pytest.mark.parametrize("framework", [fw.name for fw in CONFIG.frameworks])
def test_gpu_used(framework, runs, require_gpu):
    results, _ = runs
    ran = [r for r in results.values() if r.framework == framework]
    on_cpu = [r.path for r in ran if not r.device.startswith("gpu")]
    if not on_cpu:
        return
    if require_gpu:
        pytest.fail(
            f"[{framework}] GPU required (--require-gpu or SIDEBYSIDE_REQUIRE_GPU=1) but these "
            f"snippets saw none: {', '.join(on_cpu)}. Check the driver and the GPU build of "
            f"{framework}.",
            pytrace=False,
        )
    pytest.skip(f"[{framework}] sees no GPU; set SIDEBYSIDE_REQUIRE_GPU=1 to make this a failure")


REQUIRED = sorted({m for s in SNIPPETS for m in s.requires})


@pytest.mark.parametrize("module", REQUIRED)
def test_required_modules_installed_by_gpu_and_canary(module):
    noxfile = (CONFIG.root / "noxfile.py").read_text()
    for session in ("gpu", "canary"):
        body = noxfile.split(f"def {session}(", 1)[1].split("\n@nox.session", 1)[0]
        assert module in body, (
            f"a snippet `requires` {module!r}, but `nox -s {session}` does not install it; "
            "add it there so that some session runs that snippet"
        )
