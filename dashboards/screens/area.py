"""Area page (commissioners): where community assets are thin, unused or overdue for
review. Aggregates only, small numbers suppressed by ``analytics.coverage``."""


import streamlit as st

from assetmap import views
from dashboards import area_view, session
from graph.model import Role

scope = session.require_viewer(Role.COMMISSIONER)
as_of = session.settings().today().isoformat()
view = views.area(session.store(), scope, "", as_of=as_of, limits=session.settings().analytics)
st.title("Area coverage")
st.caption(f"As of {as_of}. Counts of 1–7 are shown as *, others are rounded to the "
           "nearest 5; a total shown as c is withheld because, with the figures beside "
           "it, it would give a small count away. No person-level data is shown on this page.")
if view is None or view.assets_listed == 0:
    st.info("The directory holds no assets yet.")
    st.stop()

coverage = view.coverage
st.subheader("Coverage by area and category")
st.bar_chart(area_view.coverage_chart(coverage), y_label="approved assets")
st.dataframe(area_view.published(coverage).rename(columns=area_view.COVERAGE_COLUMNS), hide_index=True,
             width="stretch")

left, right = st.columns(2)
with left:
    st.subheader("Unmet interests")
    st.caption("Interests clients hold that no approved, in-date asset in their area serves.")
    st.dataframe(area_view.published(area_view.unmet_table(view.unmet_interests)), hide_index=True, width="stretch")
with right:
    st.subheader("Only-connection assets")
    st.caption(f"Assets that are the only community connection of at least {view.min_clients} "
               "clients: if one closes, they lose their whole community network.")
    st.dataframe(area_view.published(area_view.only_connection_table(view.only_connection_assets)), hide_index=True,
                 width="stretch")

st.subheader("Clients no asset fits")
st.caption("Clients for whom no approved, in-date asset in their area serves their interests, "
           "answers their risks and meets their access needs — by what stands in the way.")
st.dataframe(area_view.published(area_view.unmet_needs_table(view.unmet_needs)),
             hide_index=True, width="stretch")

st.subheader("Directory health")
st.dataframe(area_view.published(area_view.directory_health(view.directory_health)), hide_index=True, width="stretch")
