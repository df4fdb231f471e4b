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
import importlib
import io
import json
import os
import runpy
import sys
import tempfile
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


def _child(request):
    """In a forked child: detach, redirect output, run the snippet, exit like `python` would."""
    os.setsid()  # Its own process group, which a timeout stops as a whole.
    os.chdir(request["cwd"])
    os.environ.update(request.get("env", {}))
    tempfile.tempdir = None  # Found again from TMPDIR, the run's own.
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    code = run(request)
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
    sys.exit(run(request))


if __name__ == "__main__":
    main()
