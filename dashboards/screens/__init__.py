"""The dashboard's pages. Not named ``pages/``: Streamlit would then also serve each
file as a page of its own, without the entry file's viewer check and navigation."""
