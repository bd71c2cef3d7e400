"""Town meetings: presentation mode (work in progress)."""

import streamlit as st

st.title("Present")
