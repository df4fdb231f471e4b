"""Run one snippet as `__main__` in this process, then record its exports and run info.

Started by the runner as `python launch.py SNIPPET RESULT_JSON PROBE [NAME ...]`, with a fresh
empty working directory. Self-contained on purpose: it imports nothing from the project, so the
snippet sees the same interpreter state as `python SNIPPET` would give it.
"""

import json
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


def main():
    """Run the snippet named on the command line and write its result record."""
    snippet, result_path, probe, *exports = sys.argv[1:]
    sys.argv = [snippet]
    sys.path[0] = snippet.rsplit("/", 1)[0]
    try:
        namespace = runpy.run_path(snippet, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
        namespace = {}
    except BaseException as exc:  # Print the snippet's own frames only, as `python` would.
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != snippet:
            tb = tb.tb_next
        traceback.print_exception(type(exc), exc, tb or exc.__traceback__)
        sys.exit(1)
    sys.stdout.flush()
    missing = [name for name in exports if name not in namespace]
    if missing:
        print(f"{snippet} does not define the exported name(s) {missing}", file=sys.stderr)
        sys.exit(3)
    record = {
        "exports": {name: to_plain(namespace[name], name) for name in exports},
        "run_info": runpy.run_path(probe).get("RUN_INFO", {}),
    }
    with open(result_path, "w") as handle:
        json.dump(record, handle)


if __name__ == "__main__":
    main()
