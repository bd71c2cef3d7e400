"""The summary beside the map, as one ``st.html`` block: the district's name, the note on the plan texts (folded),
the plan's name and slogan (or the ward's vision and plan period) with their sources, and the branch office
(address, phone numbers, opening hours, web page, each with its source and date, or "not found in the sources we
checked"). One element where Streamlit drew a dozen, in both runs of a first visit (issue 21); then the link to
the plan page (a page link keeps the session).
"""

from __future__ import annotations

import html

import streamlit as st

from atlas import formatting as fmt
from atlas.content import Text, plan_content
from atlas.districts import area_label
from atlas.i18n import t
from atlas.office_contacts import Contact, contacts_of, english_address
from atlas.offices import SOURCE_ID as OFFICE_SOURCE
from atlas.offices import Office, branch_office, office_label
from components.html_blocks import details_html, html_in_view
from components.markdown import in_lang, tm
from components.navigation import page_link
from components.source_note import Citations, source_lines_html


def plan_note_html(lang: str) -> str:
    """Whether the plan texts shown are the official Chinese or our translation: one line that opens to the note."""
    unofficial = plan_content().is_unofficial(lang)
    summary = t("plan_text_note_short" if unofficial else "plan_text_note_short_official", lang)
    note = t("unofficial_translation" if unofficial else "official_text", lang)
    return details_html(html_in_view(summary, lang), f'<p class="small-print">{html_in_view(note, lang)}</p>')


def header_html(district: str | None, lang: str) -> str:
    """Name and slogan of the district (the slogan in body colour), or the ward's vision and plan period, each
    followed by its source line."""
    plan = plan_content()
    name = html_in_view(area_label(district, lang), lang)
    parts = [f'<h2 id="selected-district" class="district-heading">{name}</h2>', plan_note_html(lang)]
    cite = Citations(lang, parts)

    def shown(value: Text) -> str:
        return html_in_view(value.shown(lang), lang)

    if district:
        dplan = plan.district(district)
        with cite(dplan.plan_name, dplan.slogan):
            parts.append(f'<p class="small-print">{shown(dplan.plan_name)}</p>')
            parts.append(f"<blockquote><p><strong>{shown(dplan.slogan)}</strong></p></blockquote>")
    else:
        ward = plan.ward
        parts.append(f"<p><strong>{html_in_view(t('vision_heading', lang), lang)}</strong></p>")
        with cite(ward.vision):
            parts.append(f"<blockquote><p><strong>{shown(ward.vision)}</strong></p></blockquote>")
        with cite(ward.plan_period.text):
            parts.append(f'<p class="small-print">{html_in_view(ward.plan_period.caption(lang), lang)}</p>')
    cite.flush()
    return "".join(parts)


def contact_line(kind: str, items: list[Contact], lang: str) -> str:
    """One line of the office card (HTML): every phone number (or hours, web page) with what it is and its date, or
    "not found in the sources we checked"."""
    label = html_in_view(t("office_" + kind, lang), lang)
    if not items:
        return f"{label}: {html_in_view(t('office_not_found', lang), lang)}"
    mark = {"ja": "", "en": " "}.get(lang, "") + (t("mark_translation", lang) if lang != "ja" else "")  # our words
    shown = [html_in_view(c.value + t("office_contact_note", lang, label=c.labels[lang] + mark,
                                      date=fmt.date(c.as_of, lang)), lang) for c in items]
    return f"{label}: " + " · ".join(shown)


def address_lines(office: Office, lang: str) -> tuple[list[str], list[str]]:
    """The address as the city writes it (marked ``lang="ja"`` outside the ja view) and, in the en view, its English
    form where a source prints one, else "not found in the sources we checked"; with the English form's source."""
    lines = [f"{html_in_view(t('address', lang), lang)}: {in_lang(office.address_ja, 'ja', lang, escape=html.escape)}"]
    if lang != "en":
        return lines, []
    english = english_address(office)
    shown = html.escape(english.value) if english else html_in_view(t("office_not_found", lang), lang)
    return [*lines, f"{html_in_view(t('office_address_en', lang), lang)}: {shown}"], [english.source] if english else []


def office_html(district: str | None, lang: str) -> str:
    """The branch office (or the city office) card and its source lines; "" without an office. Its marker is on
    the map."""
    office = branch_office(district)
    if office is None:
        return ""
    heading = html_in_view(t("branch_office_heading" if district else "ward_office_heading", lang), lang)
    address, address_sources = address_lines(office, lang)
    found = contacts_of(office)
    lines = [f"<strong>{heading}</strong>: {html_in_view(office_label(office, lang), lang)}", *address,
             *(contact_line(kind, items, lang) for kind, items in found.items())]
    cited = [(c.source, c.as_of) for items in found.values() for c in items]
    sources = source_lines_html([(OFFICE_SOURCE, None), *((sid, None) for sid in address_sources),
                                 *dict.fromkeys(cited)], lang)
    return f'<div class="office-card"><p>{"<br>".join(lines)}</p></div>{sources}'


def summary_html(district: str | None, lang: str, links: bool) -> str:
    """The whole summary block; with ``links``, the jump to the profile below (#key-figures)."""
    label = html_in_view(t("profile_more", lang), lang)
    more = f'<p><a class="more-link" href="#key-figures">{label}</a></p>' if links else ""
    return header_html(district, lang) + office_html(district, lang) + more


def district_summary(district: str | None, lang: str, links: bool = True) -> None:
    """What a selection must show at once: name, slogan, branch office and (``links``) the way to the rest."""
    with st.container(key="district_summary"):
        st.html(summary_html(district, lang, links))
        if links:
            page_link("plan", tm("open_plan_page", lang))
