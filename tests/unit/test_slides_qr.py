"""The deck's plain parts (issue 19): the public address setting, the QR code's link and its decoding, the size a
short aim is set at, the office's contact lines, and the handout's QR code."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
import segno

from atlas.handout import build_handout, handout_html
from atlas.i18n import LANGS, t
from atlas.office_contacts import contacts_of
from atlas.office_reach import reach_lines
from atlas.offices import branch_office
from atlas.public_url import SETTING, district_link, public_address
from atlas.qr import qr_svg
from atlas.slides import fit_rem

BASE = "https://dashboard.example.jp/minato"
FONTS = (["Noto Sans CJK JP"], ["Noto Sans CJK SC"])
PHONE = re.compile(r"0\d{1,4}-\d{1,4}-\d{4}")


def decode_png(png: bytes) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    image = pytest.importorskip("PIL.Image")
    return [r.text for r in zxingcpp.read_barcodes(image.open(io.BytesIO(png)))]


@pytest.mark.parametrize(("value", "base", "problem"), [
    (None, None, "missing"),
    ("   ", None, "missing"),
    ("https://dashboard.example.jp/minato/", BASE, None),
    ("http://192.0.2.7:8501", "http://192.0.2.7:8501", None),
    ("dashboard.example.jp", None, "invalid"),
    ("javascript:alert(1)", None, "invalid"),
    ("https://dashboard.example.jp/?lang=en", None, "invalid"),
    ("https://dash board.example.jp", None, "invalid"),
    ("https://", None, "invalid"),
])
def test_public_address_is_checked(value: str | None, base: str | None, problem: str | None) -> None:
    found = public_address({} if value is None else {SETTING: value})
    assert (found.base, found.problem) == (base, problem)
    if problem == "invalid":
        assert found.value == value.strip()[:80]  # echoed to the presenter, cut


def test_the_link_opens_the_district_and_language() -> None:
    assert district_link(BASE, "shibaura-konan", "zh") == f"{BASE}/?district=shibaura-konan&lang=zh"
    assert district_link(BASE, None, "ja") == f"{BASE}/?lang=ja"


@pytest.mark.parametrize("lang", LANGS)
def test_qr_code_decodes_to_the_link(lang: str) -> None:
    url = district_link(BASE, "azabu", lang)
    svg = qr_svg(url, t("qr_label", lang, url=url))
    assert svg.startswith("<svg role=\"img\"") and "<title>" in svg and "width=" not in svg.split(">")[0]
    png = io.BytesIO()
    segno.make(url, error="m", micro=False).save(png, kind="png", scale=6, border=4)  # the same code, as pixels
    assert decode_png(png.getvalue()) == [url]


def test_a_short_aim_is_set_larger_than_a_long_one_within_bounds() -> None:
    short, long_ = fit_rem("港区" * 30, 66, 26), fit_rem("word " * 120, 66, 26)
    assert 1.6 <= long_ < short <= 4.4
    assert fit_rem("x", 66, 26) == 4.4 and fit_rem("x" * 5000, 66, 26) == 1.6


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("district", [None, "shiba", "azabu", "akasaka", "takanawa", "shibaura-konan"])
def test_contact_lines_show_every_number_and_invent_none(district: str | None, lang: str) -> None:
    office = branch_office(district)
    found = contacts_of(office)
    lines = reach_lines(office, lang)
    text = "\n".join(line.text for line in lines)
    assert sorted(PHONE.findall(text)) == sorted(c.value for c in found["phone"])
    assert {ref for line in lines for ref in line.refs} == {(c.source, c.as_of) for c in found["phone"]}
    missing = lines[-1].text
    assert missing.endswith(t("office_not_found", lang)) and not lines[-1].refs
    assert t("forum_dates", lang).lower() in missing.lower()  # no source of ours gives the forum's dates
    for kind in ("hours", "web"):
        assert (t(f"office_{kind}", lang).lower() in missing.lower()) == (not found[kind])


def test_handout_html_has_the_qr_code_only_with_an_address() -> None:
    url = district_link(BASE, "akasaka", "en")
    with_code = handout_html("akasaka", "en", font_families=FONTS, public_base=BASE)
    assert 'class="qr-code"' in with_code and url.replace("&", "&amp;") in with_code
    assert 'class="qr-code"' not in handout_html("akasaka", "en", font_families=FONTS)


def test_handout_with_qr_code_is_one_page_and_the_code_decodes(tmp_path) -> None:
    """The district whose English page is the longest: still one page, and its printed QR code opens its view."""
    if not (shutil.which("pdfinfo") and shutil.which("pdftoppm")):
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "azabu-en.pdf"
    path.write_bytes(build_handout("azabu", "en", generated=dt.date(2026, 3, 1), public_base=BASE))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True,
                   timeout=60)
    assert decode_png((tmp_path / "page.png").read_bytes()) == [district_link(BASE, "azabu", "en")]
