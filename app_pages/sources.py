"""Every dataset: source, publisher, date, license, credit line, how it was derived, downloads."""

from components.sources_view import sources_view
from components.state import lang

sources_view(lang())
