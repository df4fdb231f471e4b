"""Everything a reader takes away runs outside the repository, twice, with runtime packages only.

The reader's environment (`.cache/reader-env`) holds the `reader` dependency group of
pyproject.toml: the frameworks and what the snippets import, and a Jupyter kernel; never this
project or its site tools. Each copied code block, downloaded script and downloaded notebook of
the built site runs in an empty folder of its own and then a second time in the same folder,
with MNIST fetched from a local server of the built site.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import html
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import CONFIG, ROOT, SNIPPETS

from sidebyside.layout import download_uris

READER_ENV = ROOT / ".cache" / "reader-env"
RUNNER = Path(__file__).with_name("reader_runner.py")
LOADER = "downloads/mnist_data.py"
_BLOCK = re.compile(
    r'class="sbs-code highlight"[^>]*?data-snippet="([^"]+)"[^>]*?data-copy="([^"]*)"'
)


def reader_requirements() -> list[str]:
    """Return the `reader` dependency group of pyproject.toml."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]["reader"]


@pytest.fixture(scope="session")
def reader_python() -> Path:
    """Create (or reuse) the reader's environment and return its interpreter."""
    wanted = "\n".join(reader_requirements()) + "\n" + (ROOT / "constraints.txt").read_text()
    stamp = READER_ENV / "installed.txt"
    python = READER_ENV / "bin" / "python"
    if not (stamp.is_file() and stamp.read_text() == wanted and python.exists()):
        shutil.rmtree(READER_ENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(READER_ENV)], check=True)
        install = [str(python), "-m", "pip", "install", "--quiet", "-c", "constraints.txt"]
        subprocess.run([*install, *reader_requirements()], check=True, cwd=ROOT)
        stamp.write_text(wanted)
    return python


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def served_site(site):
    """Serve the built site on a free local port; yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def reader_env(base_url: str, cache: Path) -> dict[str, str]:
    """Return a reader's minimal environment: data from the served site, a fresh user cache."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cache.parent),
        "LANG": "C.UTF-8",
        "XDG_CACHE_HOME": str(cache),
        "MNIST_URL": base_url + "data/mnist/",
        "MPLBACKEND": "Agg",  # A reader's Jupyter shows figures inline; here they are only drawn.
        "OMP_NUM_THREADS": "1",  # Two runs share the two cores.
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }


def copied_blocks(site: Path) -> dict[str, str]:
    """Return the copy text of every example code block on the site, by snippet path."""
    blocks: dict[str, str] = {}
    for page in site.rglob("*.html"):
        for path, copy in _BLOCK.findall(page.read_text()):
            text = html.unescape(copy) + "\n"
            assert blocks.setdefault(path, text) == text, (
                f"{path}: the copy button gives different code on {page.relative_to(site)}"
            )
    return blocks


def test_reader_environment_has_no_project(reader_python, tmp_path):
    for module in ("sidebyside", "mnist_data", "mkdocs", "pytest"):
        found = subprocess.run(  # From an empty folder, as a reader's runs start.
            [str(reader_python), "-c", f"import {module}"],
            capture_output=True,
            check=False,
            cwd=tmp_path,
        )
        assert found.returncode != 0, f"the reader's environment must not hold {module}"


def _jobs(site: Path, work: Path, blocks: dict[str, str]) -> list[dict]:
    """Lay out an empty folder per block and per notebook; return two runs of each."""
    jobs = []
    for snippet in SNIPPETS:
        if snippet.absent:  # Shown as not run by this build; the GPU and canary sessions run it.
            continue
        relative = snippet.path.relative_to(ROOT).as_posix()
        script_uri, notebook_uri = download_uris(snippet.topic, snippet.path.name)
        code = blocks[relative]
        # The download is the file itself; the copy leaves out the section markers (comments).
        same = ast.dump(ast.parse((site / script_uri).read_text())) == ast.dump(ast.parse(code))
        assert same, (
            f"{relative} [{snippet.framework}]: the downloaded {script_uri} is not the program "
            "the copy button gives"
        )
        # mkdocs-jupyter renders the notebook as a page and offers its file from that folder.
        notebook = site / Path(notebook_uri).with_suffix("") / Path(notebook_uri).name
        preload = CONFIG.framework(snippet.framework).preload if snippet.preload else ()
        for kind, name, text in (
            ("script", snippet.path.name, code),
            ("notebook", notebook.name, notebook.read_text()),
        ):
            folder = work / kind / f"{snippet.topic}-{snippet.framework}"
            folder.mkdir(parents=True)
            (folder / name).write_text(text)
            if kind == "script" and re.search(r"^(from|import) mnist_data\b", code, re.M):
                shutil.copy(site / LOADER, folder)  # Linked next to every example using it.
            for run in (1, 2):
                jobs.append(
                    {
                        "id": f"{relative} [{snippet.framework}] {kind} run {run}",
                        "kind": kind,
                        "path": str(folder / name),
                        "folder": str(folder),
                        "log": str(work / "logs" / f"{kind}-{folder.name}-{run}.txt"),
                        "timeout": snippet.timeout * 2,
                        "preload": [*preload, *(["IPython"] if kind == "notebook" else [])],
                    }
                )
    return jobs


def _shares(jobs: list[dict], seconds: dict[str, float], count: int) -> list[dict]:
    """Split the jobs into `count` shares per preload set, balanced by recorded run times."""
    groups: dict[tuple, list[dict]] = {}
    for job in jobs:
        groups.setdefault(tuple(job["preload"]), []).append(job)
    shares = []
    for preload, members in groups.items():
        pairs = [members[i : i + 2] for i in range(0, len(members), 2)]  # Both runs stay together.
        pairs.sort(key=lambda p: -seconds.get(p[0]["id"].split(" run")[0], 1.0))
        buckets: list[list[dict]] = [[] for _ in range(min(count, len(pairs)))]
        loads = [0.0] * len(buckets)
        for pair in pairs:
            least = loads.index(min(loads))
            buckets[least] += pair
            loads[least] += seconds.get(pair[0]["id"].split(" run")[0], 1.0)
        shares += [{"preload": list(preload), "jobs": b} for b in buckets]
    return shares


def _run_share(python: Path, env: dict, share: dict, folder: Path) -> list[dict]:
    digest = hashlib.md5(json.dumps(share["jobs"][0]["id"]).encode()).hexdigest()[:8]
    spec, out = folder / f"share-{digest}.json", folder / f"result-{digest}.json"
    spec.write_text(json.dumps(share))
    limit = sum(job["timeout"] for job in share["jobs"]) + 60
    subprocess.run(
        [str(python), str(RUNNER), str(spec), str(out)], env=env, timeout=limit, check=True
    )
    return json.loads(out.read_text())


def test_every_block_and_notebook_runs_twice_in_an_empty_folder(
    reader_python, site, served_site, runs, tmp_path
):
    results, _ = runs
    blocks = copied_blocks(site)
    assert blocks, "no example code block with copy text found on the built site"
    jobs = _jobs(site, tmp_path / "work", blocks)
    (tmp_path / "work" / "logs").mkdir()
    seconds = {}
    for snippet in SNIPPETS:
        if snippet.id in results:
            relative = snippet.path.relative_to(ROOT).as_posix()
            for kind in ("script", "notebook"):
                seconds[f"{relative} [{snippet.framework}] {kind}"] = results[snippet.id].seconds
    env = reader_env(served_site, tmp_path / "cache")
    shares = _shares(jobs, seconds, CONFIG.jobs)
    start = time.monotonic()
    with ThreadPoolExecutor(CONFIG.jobs) as pool:
        done = pool.map(lambda s: _run_share(reader_python, env, s, tmp_path), shares)
        outcomes = [job for share in done for job in share]
    wall = time.monotonic() - start
    failed = [job for job in outcomes if job["status"] != 0]
    kinds = {kind: sum(job["kind"] == kind for job in outcomes) for kind in ("script", "notebook")}
    print(
        f"reader check: {kinds['script'] // 2} blocks (= downloads) and {kinds['notebook'] // 2}"
        f" notebooks, each run twice, in {wall:.0f} s"
    )
    messages = []
    for job in failed:
        reason = "timed out" if job["status"] is None else f"exit status {job['status']}"
        tail = Path(job["log"]).read_text()[-1500:]
        messages.append(f"{job['id']}: {reason} in an empty folder\n{tail}")
    assert not failed, (
        f"{len(failed)} of {len(outcomes)} reader runs failed; each must run outside the "
        "repository, with runtime packages only, twice in the same folder:\n\n"
        + "\n\n".join(messages)
    )
    assert len(outcomes) == len(jobs)


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, list[str]]:
    """Serve `folder` on a free local port; return the server and the list of paths requested."""
    requested: list[str] = []

    class Counting(_Quiet):
        def do_GET(self) -> None:
            requested.append(self.path)
            super().do_GET()

    handler = functools.partial(Counting, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, requested


def test_downloaded_mnist_example_fetches_verifies_and_caches(reader_python, site, runs, tmp_path):
    results, _ = runs
    users = [
        s
        for s in SNIPPETS
        if s.id in results and re.search(r"^from mnist_data import", s.path.read_text(), re.M)
    ]
    assert users, "no example imports mnist_data: the loader check has nothing to run"
    snippet = min(users, key=lambda s: results[s.id].seconds)
    script_uri, _ = download_uris(snippet.topic, snippet.path.name)
    served = tmp_path / "served"
    shutil.copytree(site / "data", served / "data")

    def run(folder: Path, cache: Path, base: str) -> subprocess.CompletedProcess:
        folder.mkdir(exist_ok=True)
        shutil.copy(site / script_uri, folder)
        shutil.copy(site / LOADER, folder)
        return subprocess.run(
            [str(reader_python), snippet.path.name],
            cwd=folder,
            env=reader_env(base, cache),
            capture_output=True,
            text=True,
            timeout=snippet.timeout * 2,
            check=False,
        )

    server, requested = _serve(served)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        cache = tmp_path / "cache"
        first = run(tmp_path / "empty", cache, base)
        assert first.returncode == 0, f"{script_uri}: failed in an empty folder:\n{first.stderr}"
        cached = sorted(p.name for p in cache.rglob("*.gz"))
        assert cached == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"], (
            f"{script_uri}: the MNIST files were not cached in the user cache ({cached})"
        )
        assert len(requested) == 2, f"expected one request per MNIST file, saw {requested}"
        again = run(tmp_path / "empty", cache, base)
        assert again.returncode == 0, f"{script_uri}: second run failed:\n{again.stderr}"
        assert len(requested) == 2, "the second run downloaded again instead of using the cache"

        images = served / "data/mnist/t10k-images-idx3-ubyte.gz"
        images.write_bytes(images.read_bytes()[:5000])  # A truncated download.
        broken = run(tmp_path / "fresh", tmp_path / "cache2", base)
        assert broken.returncode != 0, f"{script_uri}: ran on a corrupt MNIST download"
        assert "t10k-images-idx3-ubyte.gz" in broken.stderr and "corrupt" in broken.stderr, (
            f"{script_uri}: a corrupt download must fail naming the file:\n{broken.stderr[-2000:]}"
        )
        assert not list((tmp_path / "cache2").rglob("t10k-images*")), (
            "a corrupt download was left in the user cache"
        )
    finally:
        server.shutdown()
