"""Field types shared by the data schemas: texts per language, slugs, source ids. No Streamlit."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, model_validator

from geo.plain_text import excerpt, plain_text

LANG_KEYS = ("ja", "en", "zh")
SLUG = re.compile(r"^[a-z]+(-[a-z]+)*$")
SOURCE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def is_mathtext(text: str) -> bool:
    """True when matplotlib would read ``text`` as a formula: an even, non-zero number of unescaped ``$``.

    >>> is_mathtext("$x$"), is_mathtext("US$5"), is_mathtext(r"\\$5 and \\$6")
    (True, False, False)
    """
    dollars = text.count("$") - text.count(r"\$")
    return dollars > 0 and dollars % 2 == 0


def plain(text: str) -> str:
    """``text`` stripped and normalised (:func:`geo.plain_text.plain_text`); empty text, a control character,
    markup or a ``$…$`` formula is an error."""
    text = plain_text(text.strip())
    if not text:
        raise ValueError("is empty")
    if is_mathtext(text):
        raise ValueError("holds $…$, which the chart library reads as a formula; write the text without it")
    return text


def matches(regex: re.Pattern[str], what: str) -> AfterValidator:
    """A validator that rejects text not matching ``regex`` (``what`` names the expected form)."""

    def check(value: str) -> str:
        if not regex.match(value):
            raise ValueError(f"{excerpt(value)} is not {what}")
        return value

    return AfterValidator(check)


Text = Annotated[StrictStr, AfterValidator(plain)]
"""Non-empty plain text (stripped, spaces collapsed; no control character, markup or ``$…$``)."""
Slug = Annotated[StrictStr, matches(SLUG, "a lowercase slug such as 'shibaura-konan'")]
SourceId = Annotated[StrictStr, matches(SOURCE_ID, "a source id (lowercase letters, digits and hyphens)")]
Cell = Annotated[str, Field(min_length=1), AfterValidator(plain_text)]
"""A required, non-empty CSV cell (cells arrive stripped; spaces collapsed, no control character or markup)."""


class Record(BaseModel):
    """A YAML record: unknown fields are errors, so a misspelt key is named instead of ignored."""

    model_config = ConfigDict(extra="forbid")


class LangText(BaseModel):
    """One text in ja, en and zh."""

    ja: Text
    en: Text
    zh: Text

    @model_validator(mode="before")
    @classmethod
    def _only_languages(cls, value: Any) -> Any:
        if isinstance(value, dict):
            stray = [str(k) for k in value if k not in LANG_KEYS]
            if stray:
                raise ValueError(f"has unknown key(s) {', '.join(repr(k) for k in stray)} "
                                 f"(only {', '.join(LANG_KEYS)}; quote a text that holds a comma)")
        return value

    def as_dict(self) -> dict[str, str]:
        return {"ja": self.ja, "en": self.en, "zh": self.zh}
