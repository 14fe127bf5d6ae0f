"""A QR code drawn at build time, for paper: a printed kit's submission link, scanned from a phone in the room.

segno writes the code as SVG; the page carries it inline (no request, no script), with
the link written beside it for anyone who cannot scan.
"""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, label: str) -> Markup:
    """``url`` as an inline SVG QR code, titled ``label`` for screen readers."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=4, border=2, dark="#000", light="#fff", title=label)
    return Markup(
        svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" data-url="{Markup.escape(url)}" ', 1)
    )
