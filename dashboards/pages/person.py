"""Person page (practitioners; service leads for their service): who and what holds
this person up, and what breaks if one of them goes."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from analytics.network import functions_covered
from analytics.reliance import reliance
from analytics.resilience import uncovered_functions, what_if
from dashboards import network_map, person_view, session, state
from dashboards.text import md_text
from graph import reads
from graph.model import Role

scope = session.require_viewer((Role.PRACTITIONER, Role.SERVICE_LEAD))
store = session.store()
clients = reads.clients_in_scope(store, scope)
st.title("Person")
if clients.empty:
    st.info("There is nobody on your caseload yet.")
    st.stop()

names = dict(zip(clients["person_id"], clients["display_name"], strict=True))
linked = st.query_params.get("person")
if linked in names:
    st.session_state[state.SELECTED_PERSON] = linked
    del st.query_params["person"]
person_id = st.selectbox("Client (type an id or a name to search)", list(names),
                         format_func=lambda pid: f"{names[pid] or '(no name)'} · {pid}",
                         key=state.SELECTED_PERSON)
record = person_view.person_record(store, session.store_key(), scope, person_id)
if record is None:
    st.warning("This person is not on your caseload.")
    st.stop()
session.audit_person_view(store, scope, person_id, "person page")

today = date.today()
first = person_view.first_recorded(record) or today - timedelta(days=365)
as_of = st.slider("Network as of", min_value=min(first, today), max_value=today, value=today,
                  step=timedelta(days=1), format="YYYY-MM-DD", key=state.AS_OF)
network = person_view.network_on(record, as_of.isoformat())
client = record.data.client

st.subheader(md_text(client["display_name"] or person_id))
st.caption(md_text(f"{person_id} · area {client['area']} · service {client['service']} · "
                   f"practitioner {client['practitioner']} · age {client['age_band']}"))

map_column, cards = st.columns([3, 1])
with map_column:
    nodes, ties = person_view.map_elements(network)
    st.iframe(network_map.render_map(nodes, ties, aria_label="Support network map"),
              height=network_map.map_height())
with cards:
    shares = reliance(network.graph)
    paid = shares["paid_share"]
    st.metric("Paid share of support", "–" if paid is None else f"{paid:.0%}",
              help=f"Measured in {shares['basis']}; formal (paid + professional) share "
                   + ("–" if shares["formal_share"] is None else f"{shares['formal_share']:.0%}"))
    covered = sorted(functions_covered(network.graph))
    missing = uncovered_functions(network.graph)
    st.metric("Functions covered", len(covered))
    st.caption("Covered: " + (md_text(", ".join(covered)) or "none"))
    if missing:
        st.error("Needed but not covered: " + md_text(", ".join(missing)))
    else:
        st.success("Every needed function is covered.")
    series, trend = person_view.isolation_trend(record, as_of.isoformat())
    latest = series.iloc[-1] if not series.empty else None
    at_risk = latest is not None and bool(latest["at_risk"])
    st.metric("Isolation", "at risk" if at_risk else "not at risk",
              delta=trend, delta_color="off" if trend in ("stable", "unknown") else
              ("inverse" if trend == "worsening" else "normal"),
              help="Composite monthly score with LSNS-6 / UCLA-3 cut-offs where recorded")

tabs = st.tabs(["Single points of failure", "What if…", "Ties", "Isolation trend"])
with tabs[0]:
    if not network.single_points:
        st.success("No single point of failure on this date.")
    for entry in network.single_points:
        st.markdown(f"**{md_text(entry['name'] or entry['id'])}**: "
                    + md_text("; ".join(entry["reasons"])))
with tabs[1]:
    alters = person_view.alter_choices(network)
    if alters:
        chosen = st.selectbox("If this tie ended…", list(alters), format_func=alters.get,
                              key=state.WHAT_IF_TIE)
        st.dataframe(pd.DataFrame([person_view.what_if_summary(network, what_if(network.graph,
                                                                                  chosen))]),
                     hide_index=True)
    else:
        st.info("No ties on this date.")
with tabs[2]:
    rows = person_view.tie_rows(record, network)
    st.dataframe(pd.DataFrame(rows, columns=list(person_view.TIE_TABLE_COLUMNS))
                 .rename(columns=person_view.TIE_TABLE_COLUMNS), hide_index=True, width="stretch")
with tabs[3]:
    st.line_chart(person_view.trend_chart_frame(series))
    st.caption("Isolation score: 0 = well connected, 100 = most isolated. LSNS-6 below 12 "
               "is at risk of isolation; UCLA-3 of 6 or more is lonely.")
