"""Directory: the approved community assets, with what a practitioner needs to know
before suggesting one (access, cost, when, getting there, safeguarding, review)."""


import streamlit as st

from assetmap import views
from dashboards import session, state, tables
from graph.model import AccessFeature, AssetCategory, label

scope = session.require_viewer()
st.title("Community asset directory")
today = session.settings().today()
view = views.directory(session.store(), scope, as_of=today.isoformat())
rows = list(view.assets) if view else []
if not rows:
    st.info("No approved assets in the directory yet.")
    st.stop()

left, middle, right = st.columns(3)
areas = left.multiselect("Area", tables.options(rows, "area"), key=state.DIRECTORY_AREAS)
categories = middle.multiselect("Category", tables.options(rows, "category"),
                                format_func=lambda code: label(code, AssetCategory),
                                key=state.DIRECTORY_CATEGORIES)
access = right.multiselect("Must offer", tables.options(rows, "accessibility"),
                           format_func=lambda code: label(code, AccessFeature),
                           key=state.DIRECTORY_ACCESS)
free_only = left.toggle("Free only", key=state.DIRECTORY_FREE_ONLY)
hide_overdue = middle.toggle("Hide assets overdue for review (or with no review date)", key=state.DIRECTORY_HIDE_OVERDUE)

shown = tables.filter_directory(rows, areas=areas, categories=categories, access=access,
                                free_only=free_only, hide_overdue=hide_overdue, today=today)
overdue = sum(tables.counts_as_overdue(row.get("review_due"), today) for row in shown)
st.caption(f"{len(shown)} of {len(rows)} approved assets shown; {overdue} overdue for review or with no review date "
           "(overdue assets are never suggested on the person page).")
st.dataframe(tables.directory_table(shown), hide_index=True, width="stretch")
