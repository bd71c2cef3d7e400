"""The district profile: a summary beside the map (name, slogan, office), then aims and initiatives (the key figures:
components/key_figures.py)."""

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
from components.markdown import in_lang, ja_runs, md_escape, tm
from components.navigation import page_link
from components.source_note import Citations, details_html, section_heading, source_lines, source_lines_html
from components.text_blocks import markdown_block


def translation_flag(lang: str, short: bool = False) -> None:
    """Say whether the plan texts shown are the official Chinese or our unofficial translation; ``short``: one
    line that opens to the whole note (the map page, where the district's content should come first)."""
    plan = plan_content()
    key = "unofficial_translation" if plan.is_unofficial(lang) else "official_text"
    if not short:
        st.caption(f"ⓘ {tm(key, lang)}")
        return
    with st.expander(tm("plan_text_note_short" if plan.is_unofficial(lang) else "plan_text_note_short_official",
                        lang)):
        st.caption(tm(key, lang))


def profile_header(district: str | None, lang: str) -> None:
    """Name and slogan of the district (the slogan in body colour), or the ward's vision and plan period."""
    plan = plan_content()
    cite = Citations(lang)
    st.header(md_escape(area_label(district, lang)), anchor="selected-district")
    translation_flag(lang, short=True)
    if district:
        dplan = plan.district(district)
        with cite(dplan.plan_name, dplan.slogan):
            st.caption(md_escape(dplan.plan_name.shown(lang)))
            st.markdown(f"> **{md_escape(dplan.slogan.shown(lang))}**")
    else:
        ward = plan.ward
        st.markdown(f"**{tm('vision_heading', lang)}**")
        with cite(ward.vision):
            st.markdown(f"> **{md_escape(ward.vision.shown(lang))}**")
        with cite(ward.plan_period.text):
            st.caption(md_escape(ward.plan_period.caption(lang)))
    cite.flush()


def district_summary(district: str | None, lang: str, links: bool = True) -> None:
    """What a selection must show at once: name, slogan, branch office and (``links``) the way to the rest."""
    with st.container(key="district_summary"):
        profile_header(district, lang)
        office_card(district, lang)
        if links:
            st.markdown(f"[{tm('profile_more', lang)}](#key-figures)")
            page_link("plan", tm("open_plan_page", lang))


def plan_aims(district: str | None, lang: str) -> None:
    """The district plan's aims, with their source line, as one block (nothing for the ward: its vision is in the
    summary)."""
    if not district:
        return
    aims = plan_content().district(district).aims
    parts = [section_heading(t("aims_heading", lang), lang)]
    cite = Citations(lang, parts)
    with cite(aims):
        parts.append(f"<p>{ja_runs(html.escape(aims.shown(lang)), lang)}</p>")
    cite.flush()
    with st.container(key="plan_aims"):
        st.html("".join(parts))


def contact_line(kind: str, items: list[Contact], lang: str) -> str:
    """One line of the office card: every phone number (or hours, web page) with what it is and its date, or
    "not found in the sources we checked"."""
    if not items:
        return f"{tm('office_' + kind, lang)}: {tm('office_not_found', lang)}"
    mark = {"ja": "", "en": " "}.get(lang, "") + (t("mark_translation", lang) if lang != "ja" else "")  # our words
    shown = [md_escape(c.value) + tm("office_contact_note", lang, label=c.labels[lang] + mark,
                                     date=fmt.date(c.as_of, lang)) for c in items]
    return f"{tm('office_' + kind, lang)}: " + " · ".join(shown)


def address_lines(office: Office, lang: str) -> tuple[list[str], list[str]]:
    """The address as the city writes it (marked ``lang="ja"`` outside the ja view) and, in the en view, its English
    form where a source prints one, else "not found in the sources we checked"; with the English form's source."""
    lines = [f"{tm('address', lang)}: {in_lang(office.address_ja, 'ja', lang)}"]
    if lang != "en":
        return lines, []
    english = english_address(office)
    shown = md_escape(english.value) if english else tm("office_not_found", lang)
    return [*lines, f"{tm('office_address_en', lang)}: {shown}"], [english.source] if english else []


def office_card(district: str | None, lang: str) -> None:
    """The branch office (or the city office) with its address, phone numbers, opening hours and web page (each with
    its source and date, or "not found in the sources we checked"); its marker is on the map."""
    office = branch_office(district)
    if office is None:
        return
    heading = tm("branch_office_heading" if district else "ward_office_heading", lang)
    address, address_sources = address_lines(office, lang)
    found = contacts_of(office)
    lines = [f"**{heading}**: {md_escape(office_label(office, lang))}", *address,
             *(contact_line(kind, items, lang) for kind, items in found.items())]
    with st.container(key="office_card"):
        markdown_block("  \n".join(lines))  # the address's lang span (not in the ja view); all text escaped
    cited = [(c.source, c.as_of) for items in found.values() for c in items]
    source_lines([(OFFICE_SOURCE, None), *((sid, None) for sid in address_sources), *dict.fromkeys(cited)], lang)


def initiatives_html(district: str | None, lang: str) -> str:
    """District projects where the plan lists them (otherwise the ward's priority issues), then the ward-wide
    initiatives by policy area, each area folded: one HTML section, every text escaped, with its source lines."""
    plan = plan_content()
    parts: list[str] = []
    cite = Citations(lang, parts)

    def text(value: Text) -> str:
        return ja_runs(html.escape(value.shown(lang)), lang)

    if district:
        own = plan.district(district).initiatives
        parts.append(section_heading(t("district_initiatives_heading", lang), lang))
        if own:
            parts.append("<ul>" + "".join(f"<li>{text(item.title)}</li>" for item in own) + "</ul>")
            parts.append(source_lines_html([(item.source, None) for item in own], lang))
        else:
            parts.append(f'<p class="notice">{html.escape(t("no_district_projects", lang))}</p>')
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
            summary = ja_runs(html.escape(f"{area.numeral} {area.name.shown(lang)}{scope}"), lang)
            parts.append(details_html(summary, f"<p>{text(area.summary)}</p><ul>{items}</ul>"))
    cite.flush()
    return "".join(parts)


def initiatives(district: str | None, lang: str) -> None:
    """The plan's initiatives for ``district`` (None: the ward) as one block (:func:`initiatives_html`)."""
    with st.container(key="initiatives"):
        st.html(initiatives_html(district, lang))
