"""How to reach a branch office, as plain lines for a slide or the handout: each phone number, opening hours and web
page found in ``data/facilities/office_contacts.csv`` with what it is and its date, then one line naming what no
source we checked gives (the forum's next dates included: no source of ours lists them). No Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atlas import formatting as fmt
from atlas.i18n import t
from atlas.office_contacts import contacts_of
from atlas.offices import Office

NOT_IN_DATA = ("forum",)  # asked for, never in our data: always "not found in the sources we checked"
SEP = {"ja": "・", "zh": "、", "en": ", "}
COLON = {"ja": "：", "zh": "：", "en": ": "}


@dataclass(frozen=True)
class ReachLine:
    """One line as plain text (escape it for the medium) and the sources it cites, with their dates."""

    text: str
    refs: tuple[tuple[str, dt.date], ...] = ()


KIND_KEYS = {"phone": "office_phone", "hours": "office_hours", "web": "office_web", "forum": "forum_dates"}


def _kind_label(kind: str, lang: str) -> str:
    return t(KIND_KEYS[kind], lang)


def reach_lines(office: Office, lang: str) -> list[ReachLine]:
    """Lines for every kind found (phone numbers first), then one "not found in the sources we checked" line.

    A label in en or zh is our translation of the city's Japanese one and carries the mark.
    """
    mark = "" if lang == "ja" else (" " if lang == "en" else "") + t("mark_translation", lang)
    lines, missing = [], []
    for kind, items in contacts_of(office).items():
        if not items:
            missing.append(kind)
            continue
        shown = [c.value + t("office_contact_note", lang, label=c.labels[lang] + mark, date=fmt.date(c.as_of, lang))
                 for c in items]
        lines.append(ReachLine(_kind_label(kind, lang) + COLON[lang] + " · ".join(shown),
                               tuple(dict.fromkeys((c.source, c.as_of) for c in items))))
    missing += NOT_IN_DATA
    labels = [_kind_label(kind, lang) for kind in missing]
    if lang == "en":  # "Opening hours, web page, next forum dates"
        labels = labels[:1] + [label[:1].lower() + label[1:] for label in labels[1:]]
    names = SEP[lang].join(labels)
    lines.append(ReachLine(names + COLON[lang] + t("office_not_found", lang)))
    return lines
