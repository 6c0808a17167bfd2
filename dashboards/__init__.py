"""The Streamlit dashboard: thin pages over ``graph`` reads and ``analytics``."""
