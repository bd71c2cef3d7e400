"""Planners: indicators side by side, choropleths down to the chome, downloads, your own data."""

from components.compare_view import compare_page

compare_page()
