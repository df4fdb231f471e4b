"""Print the built cheat sheet to `<site>/cheatsheet.pdf` with Debian's Chromium.

`python -m sidebyside.site.cheatsheet_pdf [SITE]` (`nox -s build` runs it after `mkdocs build`)
prints `SITE/cheatsheet/index.html` (default SITE: `site`) in headless Chromium, on A4 as its
print styles ask, and then links the PDF from that page. Where no `chromium` is on the PATH it
says so and skips: the site is complete without the PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PAGE = Path("cheatsheet") / "index.html"
PDF = "cheatsheet.pdf"
EXPECTED_PAGES = 2
LINK_MARK = '<p class="tr-sheet-legend">'
LINK = (
    '<p class="tr-sheet-pdf"><a href="../{pdf}" download>Download the PDF</a> '
    "({pages} A4 pages)</p>"
)
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def count_pages(pdf: bytes) -> int:
    """Return the number of page objects in a PDF (Chromium writes them uncompressed)."""
    return len(_PAGE_OBJECT.findall(pdf))


def print_pdf(chromium: str, page: Path, pdf: Path, timeout: float = 180) -> None:
    """Print `page` to `pdf` in a throwaway Chromium profile; raise on failure."""
    with tempfile.TemporaryDirectory(prefix="cheatsheet-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not pdf.is_file():
        raise RuntimeError(f"chromium could not print {page}:\n{done.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    """Write the PDF; return the exit status (0 also when Chromium is absent)."""
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    page = site / PAGE
    if not page.is_file():
        print(f"cheatsheet.pdf: {page} does not exist; build the site first", file=sys.stderr)
        return 1
    chromium = shutil.which("chromium")
    if chromium is None:
        print(
            "cheatsheet.pdf skipped: no `chromium` on the PATH; install Debian's package "
            "(sudo apt-get install chromium) to print the cheat sheet"
        )
        return 0
    pdf = site / PDF
    pdf.unlink(missing_ok=True)
    try:
        print_pdf(chromium, page, pdf)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"cheatsheet.pdf: {exc}", file=sys.stderr)
        return 1
    pages = count_pages(pdf.read_bytes())
    html = page.read_text()
    if LINK_MARK in html and 'class="tr-sheet-pdf"' not in html:
        link = LINK.format(pdf=PDF, pages=pages)
        page.write_text(html.replace(LINK_MARK, link + "\n" + LINK_MARK, 1))
    print(f"wrote {pdf}: {pages} page(s)")
    if pages != EXPECTED_PAGES:
        print(
            f"cheatsheet.pdf: {pages} pages, not {EXPECTED_PAGES}: change `rows` under [sheet] "
            "in snippets/translation/rows.toml",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
