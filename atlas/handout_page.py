"""The handout's page as HTML: plan texts, key figures, map, charts and credits, every data text escaped.

:mod:`atlas.handout` renders it to PDF with WeasyPrint and checks that it fits one sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from atlas import formatting as fmt
from atlas import freshness
from atlas.charts import WARD_COLOUR, Chart, FiscalScale, budget_chart, fiscal_scale, plan_points, population_chart
from atlas.content import Text, plan_content
from atlas.districts import area_label, district_by_id, districts
from atlas.handout_charts import budget_svg, population_svg
from atlas.handout_office import CSS as OFFICE_CSS
from atlas.handout_office import office_block, qr_cell
from atlas.i18n import HTML_LANG, LANGS, t
from atlas.map_layers import BOUNDARY_SOURCE
from atlas.offices import branch_office
from atlas.profile import FigureLine, key_figures
from atlas.sources import sources
from geo.paths import data_dir
from geo.svg_map import districts_svg

MAP_SIZE_PX = (280, 265)
BASE_PT = {"ja": 9.0, "zh": 9.0, "en": 8.75}  # Latin text runs longer than CJK text
TRIM_CHARS = {"ja": 160, "zh": 160, "en": 360}  # the aims' length on a trimmed page


@cache
def _budget_part(lang: str, family: tuple[str, ...], folder: Path, scale: FiscalScale) -> tuple[Chart, str]:
    """The budget chart and its SVG: ward-wide, so the same for every district (``folder`` keys the cache)."""
    chart = budget_chart(lang, scale)
    return chart, budget_svg(chart, lang, list(family), scale)


# --- HTML -----------------------------------------------------------------------------------------------


@dataclass
class _Refs:
    """Cited sources in first-cited order; the latest as-of date per source wins (as in the profile)."""

    dates: dict[str, dt.date | None]

    def cite(self, refs: Iterable[tuple[str, dt.date | None]]) -> str:
        numbers = []
        for sid, day in refs:
            known = self.dates.get(sid)
            if sid not in self.dates or (day and (known is None or day > known)):
                self.dates[sid] = day
            n = list(self.dates).index(sid) + 1
            if n not in numbers:
                numbers.append(n)
        return "".join(f"[{n}]" for n in sorted(numbers))


CSS = """
@page { size: A4; margin: 12mm;
        @bottom-left { content: element(footer); vertical-align: top; padding-top: 2mm; } }
html { font-family: %(jp)s; font-size: %(base).2fpt; line-height: 1.32; color: #111; }
html:lang(zh) { font-family: %(sc)s; }
body { margin: 0; }
h1 { font-size: 2.2em; margin: 0; line-height: 1.1; }
h2 { font-size: 1.05em; margin: 1.8mm 0 0.8mm; padding-bottom: 0.4mm; border-bottom: 0.6pt solid %(accent)s; }
h3 { font-size: 1em; margin: 0 0 0.6mm; }
p { margin: 0 0 1.2mm; }
.kicker { font-size: 0.9em; color: #444; letter-spacing: 0.02em; }
.head { border-left: 3.2mm solid %(accent)s; padding-left: 3mm; margin-bottom: 2mm; }
.plan { color: #333; font-size: 1.05em; }
.note { font-size: 0.86em; color: #333; background: #f3f3f3; padding: 0.8mm 2mm; margin: 1.2mm 0 0; }
.slogan { font-size: 1.25em; font-weight: bold; margin: 1mm 0 2mm; padding: 1.5mm 2.5mm;
          border-left: 1.2mm solid %(accent)s; background: %(tint)s; }
.tiny { font-size: 0.8em; color: #444; }
table.layout { width: 100%%; border-collapse: collapse; table-layout: fixed; }
table.layout > tbody > tr > td { vertical-align: top; padding: 0; }
td.gap { width: 5mm; }
.chart svg { width: 100%%; height: auto; display: block; }
.map svg { display: block; margin: 0 auto; }
table.figures { width: 100%%; border-collapse: collapse; }
table.figures td { border-bottom: 0.4pt solid #ddd; padding: 0.5mm 1mm 0.5mm 0; vertical-align: top; }
table.figures td.value { text-align: right; font-weight: bold; white-space: nowrap; }
table.figures td.date, table.figures td.ref { white-space: nowrap; font-size: 0.86em; color: #333; }
.derived { display: block; font-size: 0.82em; color: #555; }
ol.sources { margin: 0; padding: 0; list-style: none; font-size: 0.78em; line-height: 1.25; color: #222;
             column-count: 2; column-gap: 6mm; }
ol.sources li { margin: 0 0 0.35mm; break-inside: avoid; }
.credit { font-size: 0.8em; margin: 0 0 1mm; }
.footer { position: running(footer); font-size: 6.5pt; color: #555; }
.dot { display: inline-block; width: 2.2mm; height: 2.2mm; border-radius: 50%%; background: #d0021b;
       vertical-align: -0.2mm; }
"""


def _font_list(families: list[str]) -> str:
    """A CSS font-family value: the families quoted, then the generic sans-serif."""
    return ", ".join(f"'{f}'" for f in families) + ", sans-serif"


def _css(stack: list[str], zh_stack: list[str], accent: str, base_pt: float) -> str:
    return (CSS + OFFICE_CSS) % {"jp": _font_list(stack), "sc": _font_list(zh_stack), "accent": accent,
                                 "tint": _tint(accent), "base": base_pt}


def _tint(colour: str, amount: float = 0.86) -> str:
    """``colour`` mixed with white (for the slogan's background)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in (r, g, b))


def _sentence(text: str, lang: str) -> str:
    """``text`` ending with a full stop, so that notes can run on in one paragraph."""
    return text if text.endswith((".", "。", "!", "?", "！", "？")) else text + ("." if lang == "en" else "。")


def _as_of(cited: dt.date | None, reference: dt.date | None) -> dt.date | None:
    """The date for a source's credit line: the latest cited figure date, but never after the source's own
    reference date (a projection's target date, e.g. 2027-01-01, is not when the plan was published)."""
    if cited and reference:
        return min(cited, reference)
    return cited or reference


def _figure_rows(lines: list[FigureLine], refs: _Refs, lang: str, today: dt.date) -> str:
    out = []
    for line in lines:
        derived = f'<span class="derived">{escape(line.derived)}</span>' if line.derived else ""
        day = freshness.as_of(line.as_of, lang, today) if line.as_of else ""
        out.append(f"<tr><td>{escape(line.label)}{derived}</td><td class='value'>{escape(line.value)}</td>"
                   f"<td class='date'>{escape(day)}</td><td class='ref'>{escape(refs.cite(line.refs))}</td></tr>")
    return "".join(out)


@dataclass(frozen=True)
class Page:
    """The handout's body (the costly part: charts, map) and what its stylesheet needs."""

    lang: str
    title: str
    accent: str
    families: tuple[list[str], list[str]]
    body: str

    def html(self, scale: float = 1.0) -> str:
        """The whole HTML document with type scaled by ``scale``."""
        css = _css(self.families[0], self.families[1], self.accent, BASE_PT[self.lang] * scale)
        return (f'<!DOCTYPE html><html lang="{HTML_LANG[self.lang]}"><head><meta charset="utf-8">'
                f'<title>{escape(self.title)}</title>'
                f'<meta name="description" content="{escape(t("handout_title", self.lang))}">'
                f"<style>{css}</style></head><body>{self.body}</body></html>")


def _shorten(text: str, trim: bool, lang: str) -> str:
    """``text`` cut to :data:`TRIM_CHARS` characters (with an ellipsis) when the page must be trimmed."""
    limit = TRIM_CHARS[lang]
    return text if not trim or len(text) <= limit else text[:limit].rstrip() + "…"


def page(district: str | None, lang: str, generated: dt.date | None, font_families: tuple[list[str], list[str]],
         trim: bool = False, public_base: str | None = None) -> Page:
    """The handout page of ``district`` (None = ward) in ``lang``; ``trim`` shortens long texts and notes;
    ``public_base`` (the dashboard's public address) adds the QR code that opens this district and language.

    A trimmed page says so in its footer, in ``lang``.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    info = district_by_id(district) if district else None
    if district and info is None:
        raise ValueError(f"unknown district {district!r}")
    stack = font_families[1] if lang == "zh" else font_families[0]
    today = generated or freshness.today()  # figures older than two months before it show their age
    plan = plan_content()
    src = sources()
    refs = _Refs({})
    accent = info.colour if info else WARD_COLOUR
    name = area_label(district, lang)
    e = escape
    colon = ": " if lang == "en" else "："

    # header and plan texts: each with its mark (every paragraph) and the number of its own source beside it
    def cite(text: Text) -> str:
        return f' <span class="tiny">{refs.cite([(plan.source_of(text, lang), None)])}</span>'

    if info:
        dplan = plan.district(info.id)
        subtitle = f'<div class="plan">{e(dplan.plan_name.shown(lang))}{cite(dplan.plan_name)}</div>'
        aims = _shorten(dplan.aims[lang], trim, lang).split("\n\n")
        intro = (f'<div class="slogan">{e(dplan.slogan.shown(lang))}{cite(dplan.slogan)}</div>'
                 f'<h3>{e(t("aims_heading", lang))}</h3>'
                 + "".join(f"<p>{e(dplan.aims.marked(lang, part))}</p>" for part in aims[:-1])
                 + f"<p>{e(dplan.aims.marked(lang, aims[-1]))}{cite(dplan.aims)}</p>")
    else:
        ward = plan.ward
        period = ward.plan_period
        subtitle = f'<div class="plan">{e(ward.cover_title.shown(lang))}{cite(ward.cover_title)}</div>'
        label = t("plan_period_label", lang, start=period.start_fy, end=period.end_fy, revised=period.revised_fy)
        intro = (f'<h3>{e(t("vision_heading", lang))}</h3>'
                 f'<div class="slogan">{e(ward.vision.shown(lang))}{cite(ward.vision)}</div>'
                 f'<p><b>{e(period.text.shown(lang))}</b>{colon}{e(label)}{cite(period.text)}</p>')
    note_key = "unofficial_translation" if plan.is_unofficial(lang) else "official_text"
    note = f'<div class="note">{e(t(note_key, lang))}</div>'

    # branch office: address, phone numbers, hours, web page; the QR code that opens this view on a phone
    office = branch_office(district)
    office_html, office_name = office_block(district, lang, refs.cite)

    # map
    labels = {d.id: d.name(lang) for d in districts()}
    map_svg = districts_svg(district, (office.lat, office.lng) if office else None, *MAP_SIZE_PX, labels,
                            title=name, font_family=_font_list(stack))
    map_ref = refs.cite([(BOUNDARY_SOURCE, src[BOUNDARY_SOURCE].reference_date)])
    caption = t("handout_map_caption", lang, office=office_name) if office_name else ""
    map_html = (f'<div class="map">{map_svg}</div><p class="tiny"><span class="dot"></span> '
                f'{e(caption)} <span>{map_ref}</span></p>')

    # key figures
    figures = key_figures(district, lang)
    figures_html = (f'<h2>{e(t("key_figures_heading", lang))}</h2>'
                    f'<table class="figures">{_figure_rows(figures, refs, lang, today)}</table>'
                    f'<p class="tiny">{e(t("handout_figure_sources", lang))}</p>')

    # charts
    base, projection = plan_points(plan)
    pop = population_chart(district, lang, base, projection)
    bud, bud_svg = _budget_part(lang, tuple(stack), data_dir(), fiscal_scale(plan))
    pop_refs = refs.cite(pop.sources + [(plan.source, None)] if info else pop.sources)
    bud_refs = refs.cite(bud.sources)
    bud_notes = list(bud.notes) + ([t("budget_no_district", lang)] if info else [])
    pop_notes = list(pop.notes[:-1]) + ([pop.technical] if pop.technical else []) + list(pop.notes[-1:])
    if trim:  # keep the estimate's plain sentence (or that the plan gives two points only) and the fiscal-scale one
        pop_notes, bud_notes = pop_notes[:1], bud_notes[:1]
    charts_html = (
        '<table class="layout"><tr>'
        f'<td class="chart"><h3>{e(pop.title)}</h3>{population_svg(pop, accent, lang, stack)}'
        f'<p class="tiny">{" ".join(e(_sentence(n, lang)) for n in pop_notes)} {pop_refs}</p></td>'
        '<td class="gap"></td>'
        f'<td class="chart"><h3>{e(bud.title)}</h3>{bud_svg}'
        f'<p class="tiny">{" ".join(e(_sentence(n, lang)) for n in bud_notes)} {bud_refs}</p></td>'
        "</tr></table>"
    )

    # credits: the e-Stat credit line of the boundaries, then every cited source's label
    items = "".join(f"<li>[{i}] {e(src[sid].label(lang, _as_of(day, src[sid].reference_date), today))}</li>"
                    for i, (sid, day) in enumerate(refs.dates.items(), start=1))
    credits_html = (f'<h2>{e(t("handout_credits_heading", lang))}</h2>'
                    f'<p class="credit"><b>{e(t("map_credit_heading", lang))}</b>{colon}'
                    f'{e(src[BOUNDARY_SOURCE].credit)}</p>'
                    f'<ol class="sources">{items}</ol>')
    made = t("handout_generated", lang, date=fmt.date(today, lang))
    if trim:
        made = f"{made} {t('handout_trimmed', lang)}"

    body = (
        f'<div class="footer">{e(made)}</div>'
        f'<table class="layout"><tr><td><div class="head"><div class="kicker">{e(t("handout_title", lang))}</div>'
        f"<h1>{e(name)}</h1>{subtitle}</div></td>{qr_cell(district, lang, public_base)}</tr></table>"
        '<table class="layout"><tr>'
        f'<td style="width: 57%">{intro}{note}{figures_html}</td><td class="gap"></td>'
        f"<td>{map_html}{office_html}</td></tr></table>"
        f"{charts_html}"
        f"{credits_html}"
    )
    return Page(lang, f"{name} — {t('handout_title', lang)}", accent, font_families, body)
