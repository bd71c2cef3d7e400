"""A handout that cannot be made says why, in the view's language, next to the button."""

from __future__ import annotations

import pytest

from atlas.handout import HandoutError
from atlas.i18n import LANGS, t
from components import handout_button


@pytest.mark.parametrize("lang", LANGS)
def test_a_failed_build_is_explained_on_the_next_run(run_app, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    def too_long(*_args: object) -> bytes:
        raise HandoutError("needs 2 pages", kind="too_long")

    monkeypatch.setattr(handout_button, "_cached_handout", too_long)
    monkeypatch.setattr(handout_button, "_FAILED", {})
    with pytest.raises(HandoutError):
        handout_button._build("azabu", lang)  # what the deferred download runs on click
    at = run_app(district="azabu", lang=lang)
    assert not at.exception
    expected = t("handout_failed", lang, reason=t("handout_reason_too_long", lang))
    assert expected in [w.value for w in at.warning]
    other = run_app(district="shiba", lang=lang)
    assert expected not in [w.value for w in other.warning]


def test_a_successful_build_clears_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handout_button, "_FAILED", {("azabu", "en"): "other"})
    monkeypatch.setattr(handout_button, "_cached_handout", lambda *_args: b"%PDF-1.7")
    assert handout_button._build("azabu", "en") == b"%PDF-1.7"
    assert handout_button._FAILED == {}
