"""QR codes as inline SVG (segno, pure Python): black on white, scalable, with a text alternative. No Streamlit."""

from __future__ import annotations

from html import escape

import segno


def qr_svg(url: str, label: str, css_class: str = "qr") -> str:
    """An ``<svg role="img">`` QR code of ``url`` (error correction M, quiet zone of 4 modules) named ``label``.

    Its size comes from CSS (no width or height); ``viewBox`` keeps it square.

    >>> svg = qr_svg("https://dash.example.jp/?lang=en", "QR code")
    >>> svg.startswith('<svg role="img" aria-label="QR code"'), 'viewBox' in svg
    (True, True)
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, dark="#000000", light="#ffffff", omitsize=True, svgclass=css_class,
                          title=label)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label, quote=True)}" ', 1)
