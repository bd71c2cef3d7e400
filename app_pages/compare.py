"""Planners: indicators side by side (work in progress)."""

import streamlit as st

st.title("Compare")
