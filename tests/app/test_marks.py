"""Every rendered piece of a translated plan text carries its mark; every plan text cites its own source beside it.

Renders the pages (/, /plan, /compare, /sources), every slide of /present and the handout (HTML, and one PDF
through pdftotext) in ja, en and zh, and walks each view's elements in document order. The texts come from
data/content/plan.yaml: for every paragraph of every text we translated (origin ``ours``), each occurrence must be
followed by the mark of the view's language; every occurrence of any plan text must be followed, before any other
source line, by the line of its own source (:meth:`Text.source`: the city page its wording comes from, or the
summary it was copied or translated from). Each text must be found somewhere, so a change in rendering cannot
make the test pass by finding nothing.

An occurrence is a paragraph found inside an element when it is long enough to be unambiguous (``MIN_CHARS``), or
a whole piece of an element (a list item, a heading, a label, the part before or after " — ") when shorter.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pandas as pd
import pytest
from app_runs import open_app

from atlas.content import Text, plan_content
from atlas.districts import districts
from atlas.handout import handout_html
from atlas.i18n import LANGS, t
from atlas.loading import read_yaml
from atlas.slides import SLIDES
from atlas.sources import sources
from geo.paths import data_dir

MIN_CHARS = {"ja": 9, "zh": 9, "en": 24}  # shorter texts (子どもアンケート) also occur inside UI strings
PIECE_LEAD = re.compile(r"^(?:#+ |> |- |\d+\. |[ⅠⅡⅢⅣ] |[ (（:：]+)+")
CLOSERS = " 」”\"'*)"
MAP_DISTRICTS = (None, "azabu", "shibaura-konan")
SLIDE_DISTRICTS = (None, "akasaka")


@dataclass(frozen=True)
class Element:
    """One rendered element: its plain text, and whether it is a source line (a caption linking a source)."""

    text: str
    is_source_line: bool


def _plain(text: str) -> str:
    """Rendered Markdown/HTML source as plain text: tags, escapes and emphasis removed, line breaks kept."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\\", "").replace("**", "").replace("\u2060", "")
    return "\n".join(re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n"))


def _texts_of(node: object) -> Iterator[str]:
    for attr in ("label", "value"):
        value = getattr(node, attr, None)
        if isinstance(value, str):
            yield value
        elif isinstance(value, pd.DataFrame):  # table cells, headers and index one by one
            yield from map(str, value.columns)
            yield from map(str, value.index)
            yield from (str(cell) for cell in value.to_numpy().ravel())


_HTML_PIECE = re.compile(r"<(h\d|p|li|summary|dt|dd|th|td)\b([^>]*)>(.*?)</\1>", re.S)


def _html_elements(block: str) -> Iterator[Element]:
    """A section drawn as one ``st.html`` block, in document order: its headings, paragraphs, list items and fold
    summaries, each an element; a paragraph of class ``source-lines`` is a source line."""
    for _, attrs, inner in _HTML_PIECE.findall(block):
        yield Element(_plain(inner.replace("<br>", "\n")), "source-lines" in attrs)


def _walk(node: object) -> Iterator[Element]:
    """The elements below ``node`` in document order (blocks such as expanders give their label first)."""
    for child in getattr(node, "children", {}).values():
        if type(child).__name__ == "Html":
            yield from _html_elements(child.value)
            continue
        source_line = type(child).__name__ == "Caption" and "](http" in str(getattr(child, "value", ""))
        for text in _texts_of(child):
            yield Element(_plain(text), source_line)
        yield from _walk(child)


def _open(lang: str, page: str | None, **params: str) -> list[Element]:
    at = open_app(page, lang, timeout=60, **params)
    return list(_walk(at.main)) + list(_walk(at.sidebar))


def _district(slug: str | None) -> dict[str, str]:
    return {"district": slug} if slug else {}


VIEWS: dict[str, tuple[str | None, dict[str, str]]] = {
    "plan": ("app_pages/plan.py", {}),
    "compare": ("app_pages/compare.py", {}),
    "sources": ("app_pages/sources.py", {}),
    **{f"map:{slug or 'ward'}": (None, _district(slug)) for slug in MAP_DISTRICTS},
    **{f"present:{slug or 'ward'}:{n}": ("app_pages/present.py", {"slide": str(n)} | _district(slug))
       for slug in SLIDE_DISTRICTS for n in range(1, len(SLIDES) + 1)},
}


@cache
def rendered(lang: str, view: str) -> tuple[Element, ...]:
    """The elements of ``view`` in ``lang`` (each view is rendered once per test session)."""
    page, params = VIEWS[view]
    return tuple(_open(lang, page, **params))


# --- finding texts ------------------------------------------------------------------------------------------


def _paragraphs(lang: str) -> list[tuple[Text, str]]:
    """Every paragraph of every plan text in ``lang``, as it reads in plain text (without its mark)."""
    return [(text, _plain(part).strip()) for text in plan_content().texts for part in text[lang].split("\n\n")]


def _pieces(element: str, lang: str) -> Iterator[tuple[int, str]]:
    """(start, piece) of each piece of ``element``: lines (list items, headings), the parts around ' — ', and
    whatever follows a mark (a scope in brackets, a label's value)."""
    split = re.compile(rf"\n| — |(?<={re.escape(t('mark_translation', lang))})")
    start = 0
    for sep in [*split.finditer(element), None]:
        part = element[start: sep.start() if sep else len(element)]
        lead = PIECE_LEAD.match(part)
        offset = lead.end() if lead else 0
        yield start + offset, part[offset:]
        if sep:
            start = sep.end()


@cache
def other_strings(lang: str) -> frozenset[str]:
    """Every UI string and indicator label of ``lang``: a short plan text equal to one of them (人口, Population)
    cannot be told apart by its words, so it is not looked for (the metric test below checks it)."""
    def strings(node: object, key: str | None = None) -> Iterator[str]:
        if isinstance(node, dict):
            for k, v in node.items():
                yield from strings(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from strings(v, key)
        elif isinstance(node, str) and key == lang:
            yield node
    catalog_strings = set(read_yaml(data_dir() / "i18n" / f"{lang}.yaml").values())
    return frozenset(catalog_strings | set(strings(read_yaml(data_dir() / "indicators.yaml"))))


def ambiguous(paragraph: str, lang: str) -> bool:
    """True for a short paragraph that is also a UI string or indicator label."""
    return len(paragraph) < MIN_CHARS[lang] and paragraph in other_strings(lang)


def occurrences(element: str, paragraph: str, lang: str) -> Iterator[int]:
    """End positions of ``paragraph`` in ``element``: anywhere if it is long, as a whole piece if it is short."""
    if len(paragraph) >= MIN_CHARS[lang]:
        start = element.find(paragraph)
        while start >= 0:
            yield start + len(paragraph)
            start = element.find(paragraph, start + 1)
        return
    if ambiguous(paragraph, lang):
        return
    mark = t("mark_translation", lang)
    for start, piece in _pieces(element, lang):
        at = piece.find(paragraph)
        while at >= 0:
            rest = piece[at + len(paragraph):].lstrip()
            rest = rest[len(mark):].lstrip() if rest.startswith(mark) else rest
            if (at == 0 or piece[at - 1] in "(（") and (not rest or rest[0] in "()（）:："):
                yield start + at + len(paragraph)
            at = piece.find(paragraph, at + 1)


@dataclass
class Found:
    """What a check found: the texts seen and the problems."""

    texts: set[Text]
    problems: list[str]


def _spans(element: str, lang: str) -> list[tuple[int, int, Text, str]]:
    """(start, end, text, paragraph) of every plan paragraph in ``element``, leaving out those that only occur
    inside a longer one (みなとタウンフォーラム inside the mayor's message is that message's wording)."""
    spans = [(end - len(para), end, text, para) for text, para in _paragraphs(lang)
             for end in occurrences(element, para, lang)]
    return [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)]


def check_elements(elements: tuple[Element, ...] | list[Element], lang: str, view: str) -> Found:
    """Marks after every translated paragraph, and each text's own source in the next source line below it."""
    mark = t("mark_translation", lang)
    found = Found(set(), [])
    for i, element in enumerate(elements):
        for _, end, text, paragraph in _spans(element.text, lang):
            found.texts.add(text)
            after = element.text[end:].lstrip(CLOSERS)
            if text.is_translated(lang) and not after.startswith(mark):
                found.problems.append(f"{view}: “{paragraph[:40]}” shown without {mark}: {element.text[:120]}")
            if not text.is_translated(lang) and after.startswith(mark):
                found.problems.append(f"{view}: the city's wording “{paragraph[:40]}” marked as ours")
            found.problems += _cited(text, lang, elements[i + 1:], f"{view}: “{paragraph[:40]}”")
    return found


def _cited(text: Text, lang: str, below: tuple[Element, ...] | list[Element], where: str) -> list[str]:
    """A problem if the first source line in ``below`` does not name the text's own source."""
    title = _plain(sources()[plan_content().source_of(text, lang)].titles[lang])
    line = next((e.text for e in below if e.is_source_line), None)
    if line is None:
        return [f"{where}: no source line below it (expected {title})"]
    return [] if title in line else [f"{where}: cites {line[:80]}… instead of {title}"]


# --- the views ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_marks_and_cites_its_plan_texts(view: str, lang: str) -> None:
    found = check_elements(rendered(lang, view), lang, view)
    assert not found.problems, "\n".join(found.problems[:20])
    if view == "plan":  # every ward-wide text is on the plan page
        ward = {x for x in plan_content().texts} - {x for d in plan_content().districts
                                                    for x in (d.plan_name, d.aims)}
        missing = [x[lang][:30] for x in ward if x not in found.texts and not ambiguous(x[lang], lang)]
        assert not missing, f"plan texts not found on /plan: {missing}"


def _handout_elements(slug: str | None, lang: str) -> tuple[list[Element], dict[str, str]]:
    """The handout's text as one element per footnote-delimited run, and its credits list (number -> label)."""
    page = handout_html(slug, lang)
    body = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    credits = {n: _plain(label) for n, label in re.findall(r"<li>\[(\d+)\] (.*?)</li>", body)}
    body = body[: body.index('<ol class="sources">')]
    body = re.sub(r"<(?:div|p|h\d|tr|td|br)\b[^>]*>", "\n", body)  # block boundaries end a piece
    # A footnote number stands for its credit line: split the page there, so the source check can run as above.
    parts = re.split(r"\[(\d+)\]", body)
    elements = []
    for i, part in enumerate(parts):
        if i % 2:
            elements.append(Element(credits[part], True))
        elif _plain(part).strip():
            elements.append(Element(_plain(part), False))
    return elements, credits


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [None, *(d.id for d in districts())])
def test_handout_marks_and_cites_its_plan_texts(slug: str | None, lang: str) -> None:
    elements, _ = _handout_elements(slug, lang)
    found = check_elements(elements, lang, f"handout {slug or 'ward'}")
    assert not found.problems, "\n".join(found.problems[:20])
    plan = plan_content()
    expected = ([plan.district(slug).plan_name, plan.district(slug).slogan, plan.district(slug).aims] if slug
                else [plan.ward.cover_title, plan.ward.vision, plan.ward.plan_period.text])
    assert all(x in found.texts for x in expected), [x[lang][:20] for x in expected if x not in found.texts]


@pytest.mark.parametrize("lang", LANGS)
def test_every_plan_text_is_shown_and_checked_somewhere(lang: str) -> None:
    seen: set[Text] = set()
    for view in VIEWS:
        seen |= check_elements(rendered(lang, view), lang, view).texts
    for slug in (d.id for d in districts()):
        seen |= check_elements(_handout_elements(slug, lang)[0], lang, f"handout {slug}").texts
    missing = [x[lang][:30] for x in plan_content().texts if x not in seen and not ambiguous(x[lang], lang)]
    assert not missing, f"plan texts never found in any view: {missing}"


def test_the_mark_follows_every_paragraph_of_a_multi_paragraph_text() -> None:
    """The mayor's message: its first paragraph is marked on /plan, not only its last (issue 17)."""
    text = plan_content().ward.mayor_message.text
    for lang in LANGS:
        if not text.is_translated(lang):
            continue
        first = _plain(text[lang].split("\n\n")[0]).strip()
        shown = [e.text for e in rendered(lang, "plan") if first in e.text]
        assert shown and all(e[e.index(first) + len(first):].startswith(" " + t("mark_translation", lang))
                             for e in shown)


@pytest.mark.parametrize("lang", LANGS)
def test_key_figure_labels_on_the_plan_page_carry_their_mark(lang: str) -> None:
    """The key figures' labels, some too short to find by their words (人口), checked as the metrics' labels."""
    labels = [e.text for e in rendered(lang, "plan")]
    for figure in plan_content().ward.key_figures:
        assert _plain(figure.label.shown(lang)) in labels
        assert figure.label.is_translated(lang) == (t("mark_translation", lang) in figure.label.shown(lang))
