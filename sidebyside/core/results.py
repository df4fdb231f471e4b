"""The record of one snippet run, as stored in the cache and shown on the site."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sidebyside.core.discover import snippet_id


@dataclass
class Result:
    """What one successful run of a snippet printed and produced."""

    topic: str
    framework: str
    path: str
    key: str
    stdout: str
    stderr: str
    seconds: float
    date: str
    run_info: dict = field(default_factory=dict)
    exports: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    prelude: str = ""  # What the version code printed first (the notebook's version cell).
    # Per code section, in order: its stdout, stderr, figures and displayed value; the page
    # output (`stdout`) is their concatenation, the notebook's cell outputs are these.
    sections: list[dict] = field(default_factory=list)
    script: bool = False  # Ran as one script (`python FILE`): one section for the whole file.
    folder: str = ""
    cached: bool = False

    @property
    def id(self) -> str:
        """Return the id of the snippet that ran, `topic[framework]`."""
        return snippet_id(self.topic, self.framework)

    @property
    def device(self) -> str:
        """Return the device the framework used, as its probe reported it."""
        return str(self.run_info.get("device", "unknown"))

    @property
    def version(self) -> str:
        """Return the framework and version, as its probe reported them."""
        return str(self.run_info.get("version", "unknown"))

    def file(self, name: str) -> Path:
        """Return the path of an artefact the run wrote to its working directory."""
        if name not in self.files:
            raise FileNotFoundError(
                f"{self.path} [{self.framework}] wrote no file {name!r}; it wrote {self.files}"
            )
        return Path(self.folder) / "files" / name

    def to_json(self) -> str:
        """Serialise, leaving out the fields that describe where it was loaded from."""
        data = asdict(self)
        data.pop("folder")
        data.pop("cached")
        return json.dumps(data, indent=1)  # Keeps the order of exported columns.

    @classmethod
    def from_json(cls, text: str, folder: Path) -> Result:
        """Load a stored record."""
        return cls(**json.loads(text), folder=str(folder), cached=True)
