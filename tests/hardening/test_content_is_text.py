"""Content is text (issue 12): Markdown/HTML put into every text field of data/ creates no element anywhere.

A copy of data/ gets the payloads appended to every text of plan.yaml, districts.yaml, sources.yaml,
indicators.yaml, budget_notes.yaml and the three string catalogs; then every page, every slide and the handout
are rendered and searched for what the payloads would become if they were not escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hardening_app import bodies, open_page
from hardening_cases import injected

from atlas.districts import districts
from atlas.i18n import LANGS
from atlas.slides import SLIDES

# HTML markup (<img …>) in a data text stops the app at start-up since issue 22 (tests/hardening/data_cases.py), so
# the payloads here are what passes that check: Markdown an unescaped text would turn into an image, a link, bold
# or a colour.
PAYLOAD = " ![x](https://example.org/p.png) [click](https://example.org/) **bold** :red[alert]"
BREAKOUT = "\n \n![y](https://example.org/q.png)"  # a whitespace-only line ends a raw-HTML block in Markdown
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _poison(value: Any, keys: Callable[[str], bool], extra: str = "") -> Any:
    """``value`` with the payload appended to every string under a key for which ``keys`` is true."""
    if isinstance(value, dict):
        return {k: (v + PAYLOAD + extra if isinstance(v, str) and keys(str(k)) else
                    v if k == "origin" else _poison(v, keys, extra)) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, keys, extra) for v in value]
    return value


def _rewrite(path: Path, keys: Callable[[str], bool], extra: str = "") -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(_poison(doc, keys, extra), allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/ with the payloads in every text field."""
    import shutil

    from geo.paths import DATA_DIR

    copy = tmp_path_factory.mktemp("poisoned") / "data"
    shutil.copytree(DATA_DIR, copy)
    langs = set(LANGS)
    _rewrite(copy / "content" / "plan.yaml", lambda k: k in langs, BREAKOUT)
    _rewrite(copy / "districts.yaml", lambda k: k in langs)
    _rewrite(copy / "sources.yaml", lambda k: k in langs | {"publisher", "license", "credit", "derivation"})
    _rewrite(copy / "figures" / "budget_notes.yaml", lambda k: k in langs)
    indicators = copy / "indicators.yaml"
    doc = yaml.safe_load(indicators.read_text(encoding="utf-8"))
    for row in doc["indicators"]:
        for key in ("label", "description"):
            row[key] = {lang: text + PAYLOAD for lang, text in row[key].items()}
    indicators.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for lang in LANGS:
        catalog = copy / "i18n" / f"{lang}.yaml"
        strings = yaml.safe_load(catalog.read_text(encoding="utf-8"))
        strings = {k: v + PAYLOAD for k, v in strings.items()}
        catalog.write_text(yaml.safe_dump(strings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


def _labels(at) -> list[str]:
    """Labels Streamlit renders as Markdown: expanders, metrics, buttons, widgets, page links (the page bar)."""
    out = [e.label for e in at.expander] + [m.label for m in at.metric] + [b.label for b in at.button]
    for kind in ("selectbox", "radio", "text_input", "checkbox", "download_button"):
        out += [str(w.label) for w in at.get(kind)]
    return out + [link.proto.label for link in at.get("page_link")]


def _table_texts(at) -> list[str]:
    """Every cell, column header and index label of every st.table (which renders each as Markdown)."""
    out = []
    for table in at.table:
        frame = table.value
        out += [str(c) for c in frame.columns] + [str(i) for i in frame.index] + [str(frame.index.name or "")]
        out += [str(v) for v in frame.to_numpy().ravel()]
    return out


def _views() -> list[tuple[str, dict[str, str]]]:
    out = []
    for lang in LANGS:
        out += [("map", {"lang": lang}), ("map", {"lang": lang, "district": "azabu"}), ("plan", {"lang": lang}),
                ("compare", {"lang": lang}), ("sources", {"lang": lang})]
        out += [("present", {"lang": lang, "district": "takanawa", "slide": str(n)}) for n in range(1, len(SLIDES) + 1)]
    return out


@pytest.mark.parametrize(("page", "query"), _views(), ids=[f"{p}-{'-'.join(q.values())}" for p, q in _views()])
def test_no_element_is_created_from_data_texts(poisoned: Path, monkeypatch: pytest.MonkeyPatch, page: str,
                                               query: dict[str, str]) -> None:
    monkeypatch.setenv("MINATO_DATA_DIR", str(poisoned))
    at = open_page(page, query)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]  # the data copy loaded: no start-up message instead of the page
    texts = bodies(at) + _labels(at) + _table_texts(at)
    assert any("example" in t for t in texts), "the payload was not rendered at all: the test would prove nothing"
    if at.table:  # slide 5: district names, whole_ward, col_indicator, labels
        assert any("example" in t for t in _table_texts(at)), "the table holds no payload: nothing tested"
    if page != "present":  # the slides hide the page bar
        links = [link.proto.label for link in at.get("page_link")]
        assert links and all("example" in label for label in links), "the page bar holds no payload: nothing tested"
    found = [text[:160] for text in texts if injected(text)]
    assert not found, found[:5]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("district", [None, districts()[0].id])
def test_handout_html_has_no_element_from_data_texts(poisoned: Path, monkeypatch: pytest.MonkeyPatch,
                                                     district: str | None, lang: str) -> None:
    monkeypatch.setenv("MINATO_DATA_DIR", str(poisoned))
    from atlas.handout import handout_html

    html = handout_html(district, lang, font_families=(["Noto Sans CJK JP"], ["Noto Sans CJK SC"]))
    assert "example.org" in html
    assert not re.search(r"<(img|a)\b", html, re.I)
