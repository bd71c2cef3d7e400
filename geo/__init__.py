"""Plain-Python geography of Minato City: boundaries, lookups, town search. No Streamlit."""
