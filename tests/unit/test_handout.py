"""The one-page PDF handout (``atlas.handout``) and its SVG map (``geo.svg_map``).

PDF checks use poppler-utils (``pdfinfo``, ``pdftotext``); without them those tests are skipped.
Six of the 18 (area, language) combinations are rendered to keep the file fast; ``tests/bench/bench_handout.py``
builds more.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from atlas import handout, handout_page
from atlas.content import Text, plan_content
from atlas.districts import district_by_id
from atlas.handout import HandoutError, build_handout, handout_html
from atlas.i18n import t
from atlas.offices import branch_office
from atlas.sources import sources
from geo.svg_map import districts_svg

GENERATED = dt.date(2026, 3, 1)
CASES = [("shiba", "ja"), ("azabu", "en"), ("shibaura-konan", "zh"), (None, "ja"), (None, "en"), (None, "zh")]
FONTS = (["Noto Sans CJK JP"], ["Noto Sans CJK SC"])  # for HTML-only tests: no font lookup needed


def squash(text: str) -> str:
    """``text`` without any whitespace (pdftotext breaks lines and may add spaces)."""
    return "".join(text.split())


def poppler() -> None:
    for tool in ("pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} (poppler-utils) is not installed")


@pytest.fixture(scope="module", params=CASES, ids=[f"{d or 'ward'}-{lang}" for d, lang in CASES])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str | None, str, Path]:
    """(district, lang, path of the PDF) for one case, built once per module."""
    poppler()
    district, lang = request.param
    pdf = build_handout(district, lang, generated=GENERATED)
    assert pdf.startswith(b"%PDF-")
    path = tmp_path_factory.mktemp("handout") / f"{district or 'ward'}-{lang}.pdf"
    path.write_bytes(pdf)
    return district, lang, path


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_pdf_is_one_a4_page(built: tuple[str | None, str, Path]) -> None:
    info = subprocess.run(["pdfinfo", str(built[2])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    assert size and abs(float(size[1]) - 595.3) < 1 and abs(float(size[2]) - 841.9) < 1, info  # A4


def test_pdf_text_has_plan_texts_office_credits_and_translation_note(built: tuple[str | None, str, Path]) -> None:
    district, lang, path = built
    text = squash(pdf_text(path))
    plan = plan_content()
    if district:
        assert squash(plan.district(district).slogan[lang]) in text
        assert squash(plan.district(district).aims[lang]) in text
        assert squash(district_by_id(district).name(lang)) in text
        assert squash(district_by_id(district).office_name(lang)) in text
    else:
        assert squash(plan.ward.vision[lang]) in text
        assert squash(t("whole_ward", lang)) in text
    assert squash(branch_office(district).address_ja) in text
    assert "e-Stat" in text
    assert squash(sources()["estat-boundaries-2020"].credit) in text
    assert squash(sources()[plan.source].label(lang)) in text
    note = "unofficial_translation" if lang in ("ja", "en") else "official_text"
    assert squash(t(note, lang)) in text
    assert squash(t("key_figures_heading", lang)) in text
    assert squash(t("population_chart_title", lang)) in text


def test_pdf_marks_every_translated_paragraph_and_no_city_wording(built: tuple[str | None, str, Path]) -> None:
    """Every paragraph we translated is followed by its mark in the PDF's text; the city's own wording is not
    (where the marks go in the HTML, for every text and source, is checked in tests/app/test_marks.py)."""
    district, lang, path = built
    text = squash(pdf_text(path))
    plan = plan_content()
    ward = plan.ward
    texts = ([plan.district(district).plan_name, plan.district(district).slogan, plan.district(district).aims]
             if district else [ward.cover_title, ward.vision, ward.plan_period.text])
    mark = squash(t("mark_translation", lang))
    for shown in texts:
        for paragraph in shown[lang].split("\n\n"):
            marked = squash(paragraph) + mark
            assert (marked in text) == shown.is_translated(lang), paragraph[:30]
            assert squash(paragraph) in text


def test_pdf_embeds_the_noto_cjk_face_of_the_language(built: tuple[str | None, str, Path]) -> None:
    """Chinese is set in Noto Sans CJK SC and ja/en in JP, including the map's and the charts' SVG text."""
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    _, lang, path = built
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}
    face = "SC" if lang == "zh" else "JP"
    assert fonts and all(f.startswith(f"Noto-Sans-CJK-{face}") for f in fonts), fonts


def test_missing_cjk_font_raises_handout_error_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handout, "_font_families", lambda fc_lang: frozenset())
    with pytest.raises(HandoutError, match="fonts-noto-cjk"):
        build_handout("shiba", "ja")
    with pytest.raises(HandoutError, match="fonts-noto-cjk"):
        handout.check_requirements("zh")


def test_preferred_font_comes_first_and_others_follow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handout, "_font_families", lambda fc_lang: frozenset({"IPAexGothic", "Noto Sans CJK SC"}))
    assert handout.font_stack("zh") == ["Noto Sans CJK SC", "IPAexGothic"]
    assert handout.font_stack("ja")[-1] == "IPAexGothic"


def test_weasyprint_that_cannot_load_raises_handout_error(monkeypatch: pytest.MonkeyPatch) -> None:
    handout._weasyprint.cache_clear()
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails with ImportError
    try:
        with pytest.raises(HandoutError, match="WeasyPrint.*Pango"):
            handout.check_requirements("en")
    finally:
        handout._weasyprint.cache_clear()


def test_html_escapes_data_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = plan_content()
    evil = "<script>alert('x')</script> & <evil>"
    shiba = dataclasses.replace(plan.district("shiba"), slogan=Text(zh=evil, ja=evil, en=evil),
                                aims=Text(zh=evil, ja=evil, en=evil))
    fake = dataclasses.replace(plan, districts=tuple(shiba if d.slug == "shiba" else d for d in plan.districts))
    monkeypatch.setattr(handout_page, "plan_content", lambda: fake)
    html = handout_html("shiba", "en", generated=GENERATED, font_families=FONTS)
    assert "<script>" not in html and "<evil>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;evil&gt;" in html


def test_html_names_language_and_rejects_unknown_arguments() -> None:
    html = handout_html(None, "zh", generated=GENERATED, font_families=FONTS)
    assert '<html lang="zh-Hans">' in html and "@page { size: A4; margin: 12mm;" in html
    with pytest.raises(ValueError, match="district"):
        handout_html("atlantis", "en", font_families=FONTS)
    with pytest.raises(ValueError, match="language"):
        build_handout("shiba", "fr")


def test_svg_map_is_well_formed_and_marks_selection_and_office() -> None:
    office = branch_office("azabu")
    svg = districts_svg("azabu", (office.lat, office.lng), 280, 265, {"azabu": "Azabu <&>", "shiba": "Shiba"},
                        title="Azabu")
    root = ET.fromstring(svg)  # well-formed XML, labels escaped
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("width") == "280" and root.get("viewBox") == "0 0 280 265"
    paths = root.findall(f"{ns}path")
    assert len(paths) == 2 + 5 + 1  # outline fill and stroke, five districts, the selected outline on top
    assert paths[-1].get("stroke") == "#000000" and float(paths[-1].get("stroke-width")) > 2
    opacities = sorted(float(p.get("fill-opacity")) for p in paths if p.get("fill-opacity"))
    assert opacities == [0.35] * 4 + [1.0]
    assert [x.text for x in root.findall(f"{ns}text")].count("Azabu <&>") == 2  # halo and label
    circle = root.find(f"{ns}circle")
    assert circle is not None and 0 < float(circle.get("cx")) < 280 and 0 < float(circle.get("cy")) < 265
    numbers = [float(n) for p in paths for n in re.findall(r"-?\d+\.?\d*", p.get("d"))]
    assert min(numbers) >= 0 and max(numbers) <= 280


def test_svg_map_of_the_ward_has_no_selection() -> None:
    root = ET.fromstring(districts_svg(None, None, 200, 200, {}))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}circle") is None and root.find(f"{ns}text") is None
    assert len(root.findall(f"{ns}path")) == 2 + 5


def test_too_long_content_is_trimmed_with_a_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Aims far longer than any real ones still give one page: shortened, and the footer says so."""
    poppler()
    plan = plan_content()
    long_aims = "地域の交流を深めるための取組を進めます。" * 120
    origins = plan.district("shiba").aims.origins
    shiba = dataclasses.replace(plan.district("shiba"), aims=Text(long_aims, long_aims, long_aims, origins))
    fake = dataclasses.replace(plan, districts=tuple(shiba if d.slug == "shiba" else d for d in plan.districts))
    monkeypatch.setattr(handout_page, "plan_content", lambda: fake)
    path = tmp_path / "long.pdf"
    path.write_bytes(build_handout("shiba", "ja", generated=GENERATED))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert squash(t("handout_trimmed", "ja")) in squash(pdf_text(path))


def test_content_that_never_fits_raises_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    class TwoPages:
        pages = (1, 2)

    monkeypatch.setattr(handout, "render", lambda html: TwoPages())
    with pytest.raises(HandoutError) as err:
        build_handout("azabu", "en", generated=GENERATED)
    assert err.value.kind == "too_long"
