"""The district profile below the map: aims and initiatives, each one ``st.html`` block (the summary beside the map:
components/district_summary.py; the key figures: components/key_figures.py)."""

from __future__ import annotations

import streamlit as st

from atlas.content import Text, plan_content
from atlas.i18n import t
from components.html_blocks import details_html, html_in_view, section_heading
from components.markdown import tm
from components.source_note import Citations, source_lines_html


def translation_flag(lang: str) -> None:
    """Say whether the plan texts shown are the official Chinese or our unofficial translation (the plan page; the
    map page folds it into its summary: components/district_summary.py)."""
    key = "unofficial_translation" if plan_content().is_unofficial(lang) else "official_text"
    st.caption(f"ⓘ {tm(key, lang)}")


def plan_aims(district: str | None, lang: str) -> None:
    """The district plan's aims, with their source line, as one block (nothing for the ward: its vision is in the
    summary)."""
    if not district:
        return
    aims = plan_content().district(district).aims
    parts = [section_heading(t("aims_heading", lang), lang)]
    cite = Citations(lang, parts)
    with cite(aims):
        parts.append(f"<p>{html_in_view(aims.shown(lang), lang)}</p>")
    cite.flush()
    with st.container(key="plan_aims"):
        st.html("".join(parts))


def initiatives_html(district: str | None, lang: str) -> str:
    """District projects where the plan lists them (otherwise the ward's priority issues), then the ward-wide
    initiatives by policy area, each area folded: one HTML section, every text escaped, with its source lines."""
    plan = plan_content()
    parts: list[str] = []
    cite = Citations(lang, parts)

    def text(value: Text) -> str:
        return html_in_view(value.shown(lang), lang)

    if district:
        own = plan.district(district).initiatives
        parts.append(section_heading(t("district_initiatives_heading", lang), lang))
        if own:
            parts.append("<ul>" + "".join(f"<li>{text(item.title)}</li>" for item in own) + "</ul>")
            parts.append(source_lines_html([(item.source, None) for item in own], lang))
        else:
            parts.append(f'<p class="notice">{html_in_view(t("no_district_projects", lang), lang)}</p>')
    else:
        issues = plan.ward.priority_issues
        parts.append(section_heading(t("priority_issues_heading", lang), lang))
        with cite(*(x for i in issues for x in (i.title, i.summary))):
            parts.append("<ol>" + "".join(f'<li value="{i.n}"><strong>{text(i.title)}</strong> — {text(i.summary)}</li>'
                                          for i in issues) + "</ol>")
        cite.flush()
    parts.append(section_heading(t("ward_initiatives_heading", lang), lang))
    for area in plan.ward.policy_areas:
        scope = f" ({area.scope.shown(lang)})" if area.scope else ""
        texts = [area.name, *([area.scope] if area.scope else []), area.summary,
                 *(x for item in area.initiatives for x in (item.title, item.text))]
        with cite(*texts):
            items = "".join(f"<li><strong>{text(item.title)}</strong> — {text(item.text)}</li>"
                            for item in area.initiatives)
            summary = html_in_view(f"{area.numeral} {area.name.shown(lang)}{scope}", lang)
            parts.append(details_html(summary, f"<p>{text(area.summary)}</p><ul>{items}</ul>"))
    cite.flush()
    return "".join(parts)


def initiatives(district: str | None, lang: str) -> None:
    """The plan's initiatives for ``district`` (None: the ward) as one block (:func:`initiatives_html`)."""
    with st.container(key="initiatives"):
        st.html(initiatives_html(district, lang))
