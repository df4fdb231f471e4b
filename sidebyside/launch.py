"""Run one snippet as `__main__` in this process, then record its exports and run info.

Started by the runner in one of two ways, always with a fresh empty working directory:

- `python launch.py SNIPPET RESULT_JSON PROBE [NAME ...]` runs one snippet and exits;
- `python launch.py --fork-server MODULE ...` imports the modules (a framework) once, then reads
  one JSON request per line on stdin and runs each snippet in a forked child of its own, so
  every snippet starts from the same just-imported state and no two snippets share anything.

Self-contained on purpose: it imports nothing from the project.
"""

import importlib
import json
import os
import runpy
import sys
import traceback


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


def run(snippet, result_path, probe, exports):
    """Run `snippet` as `python SNIPPET` would; write its record; return the exit status."""
    sys.argv = [snippet]
    sys.path[0] = snippet.rsplit("/", 1)[0]
    try:
        namespace = runpy.run_path(snippet, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (0, None):
            if not isinstance(exc.code, int):
                print(exc.code, file=sys.stderr)
            return exc.code if isinstance(exc.code, int) else 1
        namespace = {}
    except BaseException as exc:  # Print the snippet's own frames only, as `python` would.
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != snippet:
            tb = tb.tb_next
        traceback.print_exception(type(exc), exc, tb or exc.__traceback__)
        return 1
    sys.stdout.flush()
    missing = [name for name in exports if name not in namespace]
    if missing:
        print(f"{snippet} does not define the exported name(s) {missing}", file=sys.stderr)
        return 3
    record = {
        "exports": {name: to_plain(namespace[name], name) for name in exports},
        "run_info": runpy.run_path(probe).get("RUN_INFO", {}),
    }
    with open(result_path, "w") as handle:
        json.dump(record, handle)
    return 0


def _child(request):
    """In a forked child: detach, redirect output, run the snippet, exit like `python` would."""
    os.setsid()  # Its own process group, which a timeout stops as a whole.
    os.chdir(request["cwd"])
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    code = run(request["snippet"], request["record"], request["probe"], request["exports"])
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
    snippet, result_path, probe, *exports = sys.argv[1:]
    sys.exit(run(snippet, result_path, probe, exports))


if __name__ == "__main__":
    main()
