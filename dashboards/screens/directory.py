"""Directory: the approved community assets, with what a practitioner needs to know
before suggesting one (access, cost, when, getting there, safeguarding, review)."""

from datetime import date

import streamlit as st

from dashboards import session, state, tables
from graph.dashboard_reads import asset_directory

scope = session.require_viewer()
st.title("Community asset directory")
rows = asset_directory(session.store(), scope, approved_only=True)
if not rows:
    st.info("No approved assets in the directory yet.")
    st.stop()

today = date.today()
left, middle, right = st.columns(3)
areas = left.multiselect("Area", tables.options(rows, "area"), key=state.DIRECTORY_AREAS)
categories = middle.multiselect("Category", tables.options(rows, "category"),
                                key=state.DIRECTORY_CATEGORIES)
access = right.multiselect("Must offer", tables.options(rows, "accessibility"),
                           key=state.DIRECTORY_ACCESS)
free_only = left.toggle("Free only", key=state.DIRECTORY_FREE_ONLY)
hide_overdue = middle.toggle("Hide assets overdue for review (or with no review date)", key=state.DIRECTORY_HIDE_OVERDUE)

shown = tables.filter_directory(rows, areas=areas, categories=categories, access=access,
                                free_only=free_only, hide_overdue=hide_overdue, today=today)
overdue = sum(tables.counts_as_overdue(row.get("review_due"), today) for row in shown)
st.caption(f"{len(shown)} of {len(rows)} approved assets shown; {overdue} overdue for review or with no review date "
           "(overdue assets are never suggested on the person page).")
st.dataframe(tables.directory_table(shown, today), hide_index=True, width="stretch")
