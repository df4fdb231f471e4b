"""The one exception raised for a snippet that failed, timed out or is missing."""

from __future__ import annotations

TAIL_LINES = 15


def tail(text: str, lines: int = TAIL_LINES) -> str:
    """Return the last `lines` lines of `text` (trailing blank lines dropped), indented."""
    kept = text.rstrip().splitlines()[-lines:]
    return "\n".join("    " + line for line in kept) or "    (no output)"


class SnippetError(RuntimeError):
    """A snippet did not run to success: names the file, the framework and the cause."""

    def __init__(self, path: str, framework: str, reason: str, output: str = "") -> None:
        self.path = path
        self.framework = framework
        self.reason = reason
        self.output = output
        message = f"{path} [{framework}] {reason}"
        if output.strip():
            message += "; last lines of its output:\n" + tail(output)
        super().__init__(message)
