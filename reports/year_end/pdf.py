"""HTML to an archival, accessible PDF: tagged PDF/A-3a through WeasyPrint.

One file serves the archive and the accessibility law (DESIGN §4.4,
data/requirements.md): PDF/A identification in the XMP metadata, a structure tree
for screen readers, the document's title, author and language. WeasyPrint reads
them from ``<title>``, ``<meta name="author">`` and ``<html lang>``; they are set
here as well, so the PDF is right whatever the template says.

Rendering takes seconds and memory that WeasyPrint does not give back to the OS:
call this from a worker process (a task queue), not a long-lived web worker.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from weasyprint import HTML

PDF_VARIANT = "pdf/a-3a"


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int
    layout_seconds: float
    write_seconds: float


def render_pdf_with_timings(
    html: str, *, base_url: str, title: str, author: str, language: str = "sv"
) -> RenderedPdf:
    started = time.perf_counter()
    document = HTML(string=html, base_url=base_url).render(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    laid_out = time.perf_counter()
    document.metadata.title = title
    document.metadata.authors = [author]
    document.metadata.lang = language
    content = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    return RenderedPdf(
        content=content,
        page_count=len(document.pages),
        layout_seconds=laid_out - started,
        write_seconds=time.perf_counter() - laid_out,
    )


def render_pdf(
    html: str, *, base_url: str, title: str, author: str, language: str = "sv"
) -> bytes:
    """The PDF of ``html``, tagged PDF/A with title, author and language set."""
    return render_pdf_with_timings(
        html, base_url=base_url, title=title, author=author, language=language
    ).content
