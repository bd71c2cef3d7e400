"""Streamlit building blocks composed by pages/."""
