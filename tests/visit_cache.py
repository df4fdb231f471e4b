"""Browser visits of built pages, reused while nothing a visit depends on has changed.

What the browser tests find on a page in one palette depends on the page's HTML, on the files
it loads (the theme's and the site's style sheets and scripts under `assets/`, the images and
scripts it names), on the search index being there, and on the checks themselves (the test
module, axe-core, the browser). A visit that found nothing is stored under its page and palette;
a later run takes it instead of loading the page while every one of these is byte for byte the
same. A visit with findings is never stored, so a failure is measured again on every run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

# Files a page loads by name: scripts, style sheets, images, fonts.
LOADED = re.compile(
    r'(?:src|href)="([^":#?]+\.(?:js|css|png|svg|jpe?g|gif|webp|woff2?))"', re.IGNORECASE
)
SEARCH_INDEX = "search/search_index.json"


def digest(*parts: bytes | str) -> str:
    """The sha256 of `parts`, each length-prefixed so that no two splits collide."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "big") + data)
    return sha.hexdigest()


class VisitCache:
    """Stored visits of the pages of one built `site`, for one version of the `checks`."""

    def __init__(self, folder: Path, site: Path, checks: str) -> None:
        self.folder, self.site, self.checks = folder, Path(os.path.normpath(site)), checks
        self._files: dict[Path, str] = {}
        self._keys: dict[tuple[str, str], str] = {}
        assets = sorted(p for p in (self.site / "assets").rglob("*") if p.is_file())
        self._shared = digest(
            *(f"{p.relative_to(self.site).as_posix()}={self._file(p)}" for p in assets),
            f"search index: {(self.site / SEARCH_INDEX).is_file()}",
        )

    def _file(self, path: Path) -> str:
        if path not in self._files:
            self._files[path] = digest(path.read_bytes())
        return self._files[path]

    def _key(self, page: str, scheme: str) -> str:
        """The digest of everything the visit of `page` ('' is the home page) depends on,
        computed once per page and scheme (the site does not change while it is served)."""
        if (page, scheme) not in self._keys:
            self._keys[page, scheme] = self._compute_key(page, scheme)
        return self._keys[page, scheme]

    def _compute_key(self, page: str, scheme: str) -> str:
        html = self.site / page / "index.html"
        loaded = sorted(
            {
                target
                for name in LOADED.findall(html.read_text(encoding="utf-8"))
                if (target := Path(os.path.normpath(html.parent / name))).is_file()
                and self.site in target.parents
            }
        )
        return digest(
            self.checks,
            scheme,
            page,
            self._file(html),
            self._shared,
            *(f"{p.relative_to(self.site).as_posix()}={self._file(p)}" for p in loaded),
        )

    def _entry(self, page: str, scheme: str) -> Path:
        return self.folder / f"{digest(self.checks, scheme, page)[:32]}.json"

    def lookup(self, page: str, scheme: str) -> dict | None:
        """The stored findings of `page` in `scheme`, or None when it must be visited again."""
        try:
            entry = json.loads(self._entry(page, scheme).read_text())
        except (OSError, ValueError):
            return None
        return entry["found"] if entry.get("key") == self._key(page, scheme) else None

    def store(self, page: str, scheme: str, found: dict) -> bool:
        """Keep `found` for `page` in `scheme` if the visit found nothing, else drop what was
        kept for it; say if it was kept."""
        entry = self._entry(page, scheme)
        if any(value for value in found.values() if isinstance(value, list)):
            entry.unlink(missing_ok=True)
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps({"key": self._key(page, scheme), "found": found}))
        partial.replace(entry)
        return True

    def keep_only(self, visits: list[tuple[str, str]]) -> None:
        """Delete every stored visit but those of `visits`, (page, scheme) pairs of this site
        and these checks: visits of older checks or of pages gone are never read again."""
        kept = {self._entry(page, scheme) for page, scheme in visits}
        for entry in self.folder.glob("*.json"):
            if entry not in kept:
                entry.unlink(missing_ok=True)
