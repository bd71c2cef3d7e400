"""Bare page for tests/bench/bench_pages.py: the floor of any Streamlit page load (one element, no data)."""

import streamlit as st

st.write("Hello")
