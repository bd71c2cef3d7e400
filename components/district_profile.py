"""The district profile: a summary beside the map (name, slogan, office), then aims and initiatives (the key figures:
components/key_figures.py)."""

from __future__ import annotations

import streamlit as st

from atlas import formatting as fmt
from atlas.content import plan_content
from atlas.districts import area_label
from atlas.i18n import t
from atlas.office_contacts import Contact, contacts_of, english_address
from atlas.offices import SOURCE_ID as OFFICE_SOURCE
from atlas.offices import Office, branch_office, office_label
from components.markdown import in_lang, md_escape, tm
from components.navigation import page_link
from components.source_note import Citations, source_lines
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
    """The district plan's aims (nothing for the ward: its vision is in the summary)."""
    if not district:
        return
    aims = plan_content().district(district).aims
    cite = Citations(lang)
    st.subheader(tm("aims_heading", lang))
    with cite(aims):
        st.markdown(md_escape(aims.shown(lang)))
    cite.flush()


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


def initiatives(district: str | None, lang: str) -> None:
    """District projects where the plan lists them; otherwise the ward-wide initiatives by policy area."""
    plan = plan_content()
    if district:
        own = plan.district(district).initiatives
        st.subheader(tm("district_initiatives_heading", lang))
        if own:
            st.markdown("\n".join(f"- {md_escape(item.title.shown(lang))}" for item in own))  # one block: cheap to draw
            source_lines([(item.source, None) for item in own], lang)
        else:
            st.info(tm("no_district_projects", lang))
    else:
        issues = plan.ward.priority_issues
        cite = Citations(lang)
        st.subheader(tm("priority_issues_heading", lang))
        with cite(*(x for i in issues for x in (i.title, i.summary))):
            st.markdown("\n".join(f"{i.n}. **{md_escape(i.title.shown(lang))}** — {md_escape(i.summary.shown(lang))}"
                                  for i in issues))
        cite.flush()
    st.subheader(tm("ward_initiatives_heading", lang))
    cite = Citations(lang)
    for area in plan.ward.policy_areas:
        scope = f" ({area.scope.shown(lang)})" if area.scope else ""
        texts = [area.name, *([area.scope] if area.scope else []), area.summary,
                 *(x for item in area.initiatives for x in (item.title, item.text))]
        with st.expander(md_escape(f"{area.numeral} {area.name.shown(lang)}{scope}")), cite(*texts):
            items = [f"- **{md_escape(item.title.shown(lang))}** — {md_escape(item.text.shown(lang))}"
                     for item in area.initiatives]
            st.markdown("\n\n".join([md_escape(area.summary.shown(lang)), "\n".join(items)]))
    cite.flush()
