"""One-page A4 PDF handout of a district (or the whole ward) for town meetings, in ja / en / zh.

Everything on the page comes from the data layer: plan texts (``atlas.content``), key figures
(``atlas.profile``), the two charts' data (``atlas.charts``), the branch office (``atlas.offices``),
the district map (``geo.svg_map``) and the source records (``atlas.sources``) for the credit lines.

Route: HTML + CSS -> WeasyPrint -> PDF. The charts are drawn with matplotlib as SVG with live text
(``svg.fonttype = 'none'``) so WeasyPrint sets them in the same Noto Sans CJK font as the page.
No Streamlit here; a page offers the bytes of :func:`build_handout` for download.

>>> pdf = build_handout("shiba", "en")  # doctest: +SKIP
>>> pdf[:5]  # doctest: +SKIP
b'%PDF-'
"""

from __future__ import annotations

import datetime as dt
import subprocess
from functools import cache
from types import ModuleType

from atlas.handout_page import page
from atlas.i18n import LANGS

FONT_PACKAGE = "fonts-noto-cjk"
FONT_FAMILY = {"ja": "Noto Sans CJK JP", "en": "Noto Sans CJK JP", "zh": "Noto Sans CJK SC"}
FC_LANG = {"ja": "ja", "en": "ja", "zh": "zh-cn"}

FONT_SCALES = (1.0, 0.95, 0.9, 0.85)  # tried in turn until the page fits on one sheet


class HandoutError(RuntimeError):
    """The handout cannot be made here (missing font or PDF library, or content too long for one page).

    ``kind`` names the reason for a message in the reader's language: ``font``, ``pdf`` or ``too_long``.
    """

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


# --- environment checks ---------------------------------------------------------------------------------


@cache
def _font_families(fc_lang: str) -> frozenset[str]:
    """Font families fontconfig knows for ``fc_lang`` (``fc-list :lang=<fc_lang> family``)."""
    try:
        done = subprocess.run(["fc-list", f":lang={fc_lang}", "family"], capture_output=True, text=True,
                              timeout=20, check=False)
    except (FileNotFoundError, subprocess.TimeoutExpired) as exc:
        raise HandoutError(f"Cannot list fonts with fc-list ({exc}); WeasyPrint needs fontconfig. "
                           f"On Debian: apt-get install fontconfig {FONT_PACKAGE}", kind="font") from exc
    return frozenset(name.strip() for line in done.stdout.splitlines() for name in line.split(",") if name.strip())


def font_stack(lang: str) -> list[str]:
    """Installed CJK families for ``lang``, the preferred Noto Sans CJK face first.

    Raises HandoutError naming the Debian package when no font covers the language.
    """
    families = _font_families(FC_LANG[lang])
    if not families:
        raise HandoutError(f"No font for {'Chinese' if lang == 'zh' else 'Japanese'} text is installed, so the "
                           f"handout would print empty boxes. Install the Debian package {FONT_PACKAGE} "
                           f"(apt-get install {FONT_PACKAGE}) and try again.", kind="font")
    preferred = [f for f in (FONT_FAMILY[lang], *FONT_FAMILY.values()) if f in families]
    others = sorted(f for f in families if f not in preferred)
    return list(dict.fromkeys(preferred + others))


@cache
def _weasyprint() -> ModuleType:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise HandoutError("The PDF library WeasyPrint cannot be loaded "
                           f"({type(exc).__name__}: {exc}). It needs Pango >= 1.44 and its libraries "
                           "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b).",
                           kind="pdf") from exc
    return weasyprint


def check_requirements(lang: str) -> None:
    """Raise HandoutError (with the fix to apply) if no handout can be made here: no CJK font for ``lang``
    or no loadable WeasyPrint. Cheap after the first call; a UI can call it to grey out its button."""
    font_stack(lang)
    _weasyprint()


# --- PDF ------------------------------------------------------------------------------------------------


def render(html: str):
    """The WeasyPrint document of ``html`` (its ``.pages`` can be counted before writing the PDF)."""
    weasyprint = _weasyprint()
    try:
        return weasyprint.HTML(string=html).render()
    except OSError as exc:  # a broken Pango / font installation surfaces here
        raise HandoutError(f"WeasyPrint could not lay out the handout ({exc}); check Pango and the "
                           f"{FONT_PACKAGE} fonts.", kind="pdf") from exc


def handout_html(district: str | None, lang: str, *, generated: dt.date | None = None,
                 font_families: tuple[list[str], list[str]] | None = None, scale: float = 1.0,
                 trim: bool = False, public_base: str | None = None) -> str:
    """The handout as one HTML document (every data text escaped); :func:`build_handout` renders it.

    ``font_families`` is (stack for ja/en, stack for zh); by default both are :func:`font_stack` of ``lang``.
    """
    if font_families is None and lang in LANGS:  # only the fonts this language needs must be installed
        font_families = (font_stack(lang), font_stack(lang))
    return page(district, lang, generated, font_families or ([], []), trim, public_base).html(scale)


def build_handout(district: str | None, lang: str, *, generated: dt.date | None = None,
                  public_base: str | None = None) -> bytes:
    """A one-page A4 PDF handout of ``district`` (``None`` = the whole ward) in ``lang`` (ja, en, zh); with
    ``public_base`` (the dashboard's public address, :mod:`atlas.public_url`) a QR code opens this view on a phone.

    Smaller type is tried first; if that is not enough, long texts and notes are trimmed and the footer says so.
    Raises HandoutError if no CJK font or no working WeasyPrint is installed, or if even the trimmed page does
    not fit (``kind='too_long'``); ValueError for an unknown district or language.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    check_requirements(lang)
    families = (font_stack(lang), font_stack(lang))
    pages = 0
    for trim in (False, True):
        sheet = page(district, lang, generated, families, trim, public_base)
        for scale in FONT_SCALES:
            doc = render(sheet.html(scale))
            pages = len(doc.pages)
            if pages == 1:
                return doc.write_pdf()
    raise HandoutError(f"The handout of {district or 'the ward'} ({lang}) needs {pages} pages even trimmed; "
                       "it must fit on one.", kind="too_long")
