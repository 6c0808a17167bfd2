"""Dashboard entry point: navigation only."""

import streamlit as st

st.set_page_config(page_title="assetmap", layout="wide")
navigation = st.navigation([st.Page("pages/store_status.py", title="Store status")])
navigation.run()
