"""Run one snippet in this process, section by section as a notebook kernel would, and record it.

Started by the runner in one of two ways, always in a fresh empty working directory that holds
a copy of the snippet (and of the helper modules it imports), as a reader's folder would:

- `python launch.py --request REQUEST_JSON` runs one snippet and exits;
- `python launch.py --fork-server MODULE ...` imports the modules (a framework) once, then reads
  one JSON request per line on stdin and runs each snippet in a forked child of its own, so
  every snippet starts from the same just-imported state and no two snippets share anything.

A request names the snippet's code sections by their file lines. They run in order in one
namespace with `__name__ == "__main__"`, as a kernel runs a notebook's cells; after each one the
launcher records where its stdout and stderr end in the output files, the figures it wrote or
rewrote, and the value of a last bare expression (what a kernel would display). A request
without sections runs the file as a script (`python FILE`): examples that start processes which
import the file again. The record (JSON) also holds the exported names, the probe's run info
and, after a failure, the section and line that raised.

Self-contained on purpose: it imports nothing from the project.
"""

import ast
import builtins
import contextlib
import ctypes
import importlib
import io
import json
import os
import runpy
import signal
import sys
import tempfile
import time
import traceback
import types

FIGURES = (".png", ".svg")


def to_plain(value, name):
    """Turn a tensor, array or nested container into JSON-ready Python values."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): to_plain(v, f"{name}[{k!r}]") for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v, f"{name}[{i}]") for i, v in enumerate(value)]
    if callable(getattr(value, "tolist", None)):  # NumPy arrays and scalars, torch tensors.
        return value.tolist()
    if callable(getattr(value, "numpy", None)):  # TensorFlow tensors and variables.
        return value.numpy().tolist()
    raise TypeError(f"exported name {name!r} holds a {type(value).__name__}, not a number/array")


class Recorder:
    """Where each section's output ends in the output files, and which figures it drew."""

    def __init__(self, skip):
        self.skip = set(skip)  # The copies the runner put in the folder.
        self.seen = {}
        self.sections = []
        self._figures()  # Nothing is new before the first section.
        self.mark = self._offsets()

    @staticmethod
    def _offsets():
        sys.stdout.flush()
        sys.stderr.flush()
        return os.fstat(1).st_size, os.fstat(2).st_size

    def _figures(self):
        new = []
        for folder, _, names in os.walk("."):
            for name in sorted(names):
                path = os.path.relpath(os.path.join(folder, name))
                if not name.endswith(FIGURES) or path in self.skip:
                    continue
                stamp = os.stat(path).st_mtime_ns
                if self.seen.get(path) != stamp:
                    self.seen[path] = stamp
                    new.append(path.replace(os.sep, "/"))
        return sorted(new)

    def close(self, result=None):
        """End the current section: record its output spans, figures and displayed value."""
        end = self._offsets()
        self.sections.append(
            {
                "stdout": [self.mark[0], end[0]],
                "stderr": [self.mark[1], end[1]],
                "figures": self._figures(),
                "result": result,
            }
        )
        self.mark = end


def _failure_line(exc, snippet):
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == snippet:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _print_exception(exc, snippet):
    """Print the snippet's own frames only, as `python` would."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != snippet:
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb or exc.__traceback__)


def _exit_status(exc):
    """Return the status of a SystemExit, printing a message as `python` would."""
    if exc.code in (0, None):
        return 0
    if not isinstance(exc.code, int):
        print(exc.code, file=sys.stderr)
        return 1
    return exc.code


def _run_section(source, snippet, namespace):
    """Run one section's code; return what a kernel would display of a last bare expression."""
    tree = ast.parse(source, snippet)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    body = ast.Module(body=tree.body[:-1] if last else tree.body, type_ignores=[])
    exec(compile(body, snippet, "exec"), namespace)
    if last is None:
        return None
    value = eval(compile(ast.Expression(body=last.value), snippet, "eval"), namespace)
    return None if value is None else repr(value)


def run(request):
    """Run the request's snippet; write its record; return the exit status."""
    snippet = request["snippet"]
    sys.argv = [snippet]
    sys.path[0] = os.path.dirname(snippet)
    record = {"sections": [], "failed": None}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # The notebook's version cell, run here too.
        try:
            exec(request.get("prelude", ""), {"__name__": "__prelude__"})
        except Exception as exc:  # Shown in that cell; the snippet itself still runs.
            print(f"{type(exc).__name__}: {exc}")
    record["prelude"] = printed.getvalue()
    recorder = Recorder(request.get("copies", ()))
    sections = request.get("sections")
    status = 0
    try:
        if sections is None:  # As `python FILE`.
            namespace = runpy.run_path(snippet, run_name="__main__")
            recorder.close()
        else:
            with open(snippet) as handle:
                lines = handle.read().splitlines(keepends=True)
            # As in a kernel, the namespace is module `__main__`: pickle finds its classes.
            main = types.ModuleType("__main__")
            main.__dict__["__builtins__"] = builtins
            sys.modules["__main__"] = main
            namespace = main.__dict__
            for first, last in sections:
                record["failed"] = {"section": len(recorder.sections), "line": first}
                with open(request["record"], "w") as handle:  # Read if the run is stopped.
                    json.dump(record, handle)
                # Blank lines before the section keep the file's line numbers in tracebacks.
                source = "\n" * (first - 1) + "".join(lines[first - 1 : last])
                recorder.close(_run_section(source, snippet, namespace))
            record["failed"] = None
    except SystemExit as exc:
        status = _exit_status(exc)
        namespace = {} if status == 0 else None
        record["failed"] = None if status == 0 else record["failed"]
        recorder.close()
    except BaseException as exc:
        _print_exception(exc, snippet)
        if record["failed"] is None:
            record["failed"] = {"section": 0, "line": None}
        record["failed"]["line"] = _failure_line(exc, snippet) or record["failed"]["line"]
        recorder.close()
        status = 1
    sys.stdout.flush()
    if status == 0:
        missing = [name for name in request["exports"] if name not in namespace]
        if missing:
            print(f"{snippet} does not define the exported name(s) {missing}", file=sys.stderr)
            status = 3
        else:
            record["exports"] = {n: to_plain(namespace[n], n) for n in request["exports"]}
            record["run_info"] = runpy.run_path(request["probe"]).get("RUN_INFO", {})
    record["sections"] = recorder.sections
    with open(request["record"], "w") as handle:
        json.dump(record, handle)
    return status


# Linux system call numbers and flags (prctl, unshare, mount), for the supervisor.
PR_SET_CHILD_SUBREAPER = 36
CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 32, 4096, 16384, 1 << 18
POLL_SECONDS = 0.2
LIMIT_STATUS = 125  # The supervisor stopped the run at a limit (the notes say which).


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _contain(libc):
    """Become a child subreaper: processes the snippet detaches are reparented here, not to init.

    Returns None, or why detached processes cannot be contained on this system.
    """
    if libc is None or not hasattr(libc, "prctl"):
        return "this system has no prctl(PR_SET_CHILD_SUBREAPER)"
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        return f"prctl(PR_SET_CHILD_SUBREAPER) failed: {os.strerror(ctypes.get_errno())}"
    return None


def _protect(libc, folders):
    """Make `folders` read-only for this process and all it starts (a mount namespace of its own).

    Returns None, or why the folders cannot be made read-only on this system.
    """
    if not folders:
        return None
    if libc is None or not hasattr(libc, "unshare"):
        return "this system has no mount namespaces (unshare)"
    if libc.unshare(CLONE_NEWNS) != 0:
        return f"unshare(CLONE_NEWNS) failed: {os.strerror(ctypes.get_errno())}"
    if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return f"making the mounts private failed: {os.strerror(ctypes.get_errno())}"
    for folder in folders:
        path = folder.encode()
        if libc.mount(path, path, None, MS_BIND | MS_REC, None) != 0:
            return f"bind-mounting {folder} failed: {os.strerror(ctypes.get_errno())}"
        if libc.mount(None, path, None, MS_BIND | MS_REMOUNT | MS_RDONLY, None) != 0:
            return f"remounting {folder} read-only failed: {os.strerror(ctypes.get_errno())}"
    return None


def _descendants(root):
    """Return the ids of every live process below `root` (from /proc), with their sizes."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":  # A zombie holds no memory and is reaped below.
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, pending = [], [root]
    while pending:
        for pid in children.get(pending.pop(), []):
            found.append(pid)
            pending.append(pid)
    return found


def _resident(pids):
    """Return the resident memory of `pids` in bytes."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def _end_descendants():
    """Kill every process below this one, reaping them; return how many there were."""
    ended = set()
    for _ in range(100):
        left = _descendants(os.getpid())
        if not left:
            break
        for pid in left:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
            ended.add(pid)
        time.sleep(0.02)
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
    return len(ended)


def supervise(request):
    """Run the request in a child and watch it: time, memory, processes; end what it leaves.

    This process becomes a child subreaper and, where it can, makes the project's folders
    read-only for the run (`read_only`). It stops the run at `limits` (seconds, bytes of
    resident memory, processes) and, when the run ends, kills every process it left behind,
    however detached. What it did is written to `notes` (JSON). Returns the exit status.
    """
    libc = _libc()
    limits = request.get("limits", {})
    notes = {"uncontained": _contain(libc), "unprotected": _protect(libc, request.get("read_only"))}
    started = time.monotonic()
    child = os.fork()
    if child == 0:
        code = run(request)
        sys.stdout.flush()
        sys.stderr.flush()
        raise SystemExit(code)  # Unwinds to the top; the interpreter shuts down normally.
    status = None
    while status is None:
        done, raw = os.waitpid(child, os.WNOHANG)
        if done:
            status = raw
            break
        time.sleep(POLL_SECONDS)
        below = _descendants(os.getpid())
        elapsed = time.monotonic() - started
        if limits.get("seconds") and elapsed > limits["seconds"]:
            notes["limit"] = "seconds"
        elif limits.get("memory") and _resident(below) > limits["memory"]:
            notes["limit"] = "memory"
        elif limits.get("processes") and len(below) > limits["processes"]:
            notes["limit"] = "processes"
        if "limit" in notes:
            notes["ended"] = _end_descendants()
            break
    if "limit" not in notes:
        notes["ended"] = _end_descendants()
    with open(request["notes"], "w") as handle:
        json.dump(notes, handle)
    if "limit" in notes:
        return LIMIT_STATUS
    code = os.waitstatus_to_exitcode(status)
    if code < 0:  # Killed by a signal: end the same way, so the runner sees it.
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    return code


def _child(request):
    """In a forked child: detach, redirect output, supervise the run, exit like `python` would."""
    os.setsid()  # Its own process group, which the runner can stop as a whole.
    os.chdir(request["cwd"])
    os.environ.update(request.get("env", {}))
    tempfile.tempdir = None  # Found again from TMPDIR, the run's own.
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    code = supervise(request)
    sys.stdout.flush()
    sys.stderr.flush()
    raise SystemExit(code)  # Unwinds the server loop; the interpreter shuts down normally.


def fork_server(modules):
    """Import `modules`, then fork one child per request read from stdin."""
    for name in modules:
        importlib.import_module(name)
    channel = os.fdopen(os.dup(1), "w")
    print(json.dumps({"ready": True}), file=channel, flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            channel.close()
            _child(request)
        print(json.dumps({"pid": pid}), file=channel, flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"status": os.waitstatus_to_exitcode(status)}), file=channel, flush=True)


def main():
    """Dispatch on the command line."""
    if sys.argv[1] == "--fork-server":
        fork_server(sys.argv[2:])
        return
    with open(sys.argv[2]) as handle:
        request = json.load(handle)
    sys.exit(supervise(request))


if __name__ == "__main__":
    main()
