"""Messages kept as an i18n key and values, worded in the view's language only when shown. No Streamlit.

>>> Msg("upload_e_empty").text("en")
'The file is empty.'
>>> Msg("upload_rows", rows=Listing((2, 3))).text("en")
'rows 2, 3'
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.i18n import t

MAX_LISTED = 10  # items named in one message before "and N more"


@dataclass(frozen=True, init=False)
class Msg:
    """An i18n key with the values of its placeholders (values may be Msg or Listing themselves)."""

    key: str
    values: tuple[tuple[str, object], ...]

    def __init__(self, key: str, **values: object) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "values", tuple(values.items()))

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **{name: render(value, lang) for name, value in self.values})

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Listing:
    """Items joined with the language's separator; past ``MAX_LISTED`` the rest is counted ("and 3 more")."""

    items: tuple[object, ...]
    separator: str = "list_separator"

    def text(self, lang: str) -> str:
        shown = t(self.separator, lang).join(render(item, lang) for item in self.items[:MAX_LISTED])
        rest = len(self.items) - MAX_LISTED
        return shown if rest <= 0 else t("list_more", lang, items=shown, n=rest)


def render(value: object, lang: str) -> str:
    """A placeholder value as text in ``lang`` (whole numbers grouped: 1,234)."""
    if isinstance(value, Msg | Listing):
        return value.text(lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def texts(messages: list[Msg], lang: str = "en") -> list[str]:
    """Each message in ``lang``."""
    return [m.text(lang) for m in messages]
