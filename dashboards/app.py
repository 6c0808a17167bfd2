"""Dashboard entry point: who is looking, then navigation to the pages for their role."""

import streamlit as st

from dashboards import navigation, session

# No page_icon: Streamlit fetches a :material/...: or emoji favicon from another host.
st.set_page_config(page_title="assetmap", layout="wide")
with session.store_failures_shown():
    page = st.navigation(navigation.pages_for(session.begin_run()))
    session.note_page(page.url_path)
    page.run()
