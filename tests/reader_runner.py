"""Run downloaded scripts and notebooks as a reader would, in a reader's environment.

`python reader_runner.py JOBS.json RESULTS.json` is started with the interpreter of an
environment that holds only the runtime dependencies (no project, no site tools). It imports
the modules named in the jobs file once, then runs each job in a forked child of its own, in
the job's folder: a script as `python FILE` runs it, a notebook cell by cell in an IPython
shell, as a Jupyter kernel runs it. Self-contained: it imports nothing from the project.
"""

import importlib
import json
import os
import runpy
import signal
import sys
import time
import traceback


def run_script(path):
    """Run `path` as `__main__`; return the exit status."""
    sys.argv = [path]
    sys.path.insert(0, os.path.dirname(path))
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def run_notebook(path):
    """Run every code cell of the notebook at `path` in one IPython shell; stop at an error."""
    from IPython.core.interactiveshell import InteractiveShell

    with open(path) as handle:
        cells = json.load(handle)["cells"]
    sys.path.insert(0, os.getcwd())  # A kernel's working directory is importable.
    shell = InteractiveShell.instance()
    for number, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        outcome = shell.run_cell(source)
        if not outcome.success:
            print(f"{path}: cell {number} failed", file=sys.stderr)
            return 1
    return 0


def child(job):
    """Run one job in this (forked) process and exit with its status."""
    os.setsid()
    os.chdir(job["folder"])
    with open(job["log"], "w") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
    sys.stdout = os.fdopen(1, "w", buffering=1)
    sys.stderr = os.fdopen(2, "w", buffering=1)
    runner = run_notebook if job["kind"] == "notebook" else run_script
    status = runner(job["path"])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status if isinstance(status, int) else 1)


def wait(pid, timeout):
    """Wait for `pid` up to `timeout` seconds; return its exit status, or None on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.killpg(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def main(jobs_path, results_path):
    """Preload the modules, run the jobs in order, each in a fork, and write their results."""
    with open(jobs_path) as handle:
        spec = json.load(handle)
    for name in spec["preload"]:
        importlib.import_module(name)
    results = []
    for job in spec["jobs"]:
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            child(job)
        status = wait(pid, job["timeout"])
        try:  # Leftover children of the job (a data loader's workers, a server) end with it.
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        results.append({**job, "status": status, "seconds": time.monotonic() - start})
    with open(results_path, "w") as handle:
        json.dump(results, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
