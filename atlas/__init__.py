"""Domain model of the dashboard: districts, sources, UI strings, URL state. No Streamlit."""
