"""Person page (practitioners; service leads for their service): who and what holds
this person up, and what breaks if one of them goes."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from assetmap import network_map, person_rows, report
from dashboards import person_view, session, state
from dashboards.text import md_text
from graph import audit
from graph.model import Role

scope = session.require_viewer((Role.PRACTITIONER, Role.SERVICE_LEAD))
store = session.store()
clients = person_view.caseload(store, session.store_key(), scope)
st.title("Person")
if clients.empty:
    st.info("There is nobody on your caseload yet.")
    st.stop()

names = dict(zip(clients["person_id"], clients["display_name"], strict=True))
linked = st.query_params.get("person")
refused_link = linked is not None and linked not in names
if linked is not None:
    # A link outside the caseload opens nobody (never the first client instead), and
    # says so in the same words whether or not the id exists anywhere.
    st.session_state[state.SELECTED_PERSON] = None if refused_link else linked
    del st.query_params["person"]  # applied once (or refused); the picker rules after
person_id = st.selectbox("Client (type an id or a name to search)", list(names),
                         format_func=lambda pid: f"{names[pid] or '(no name)'} · {pid}",
                         placeholder="Choose a client", key=state.SELECTED_PERSON)
if refused_link:
    st.warning(person_view.NOT_IN_CASELOAD)
if person_id is None:
    st.stop()
record = person_view.person_record(store, session.store_key(), scope, person_id)
if record is None:
    st.warning("This person is not on your caseload.")
    st.stop()
session.audit_person_view(store, scope, person_id, "person page")

today = session.settings().today()
first = min(person_view.first_recorded(record) or today, today - timedelta(days=30))
as_of = st.slider("Network as of", min_value=first, max_value=today, value=today,
                  step=timedelta(days=1), format="YYYY-MM-DD", key=state.AS_OF)
view = person_view.analyse(record, as_of.isoformat(), session.settings().analytics)
client = record.data.client

st.subheader(md_text(client["display_name"] or person_id))
service_name = person_view.service_name(session.known_service_names(), client["service"])
st.caption(md_text(f"{person_id} · area {client['area']} · service {service_name} · "
                   f"practitioner {client['practitioner']} · age {client['age_band']}"))

st.markdown("  \n".join(person_view.profile_lines(record)))

with st.expander("Report for a review meeting (one HTML file: map, ties, plans, "
                 "isolation, reviews, and each step with who recorded it and when)"):
    if st.button("Prepare the report", key="person_report_prepare"):
        html = report.person_report(store, scope, person_id, as_of=as_of.isoformat(),
                                    limits=session.settings().analytics)
        audit.record(store, scope, audit.AuditAction.EXPORT, person_id=person_id,
                     detail=f"person page report as of {as_of.isoformat()}")
        st.session_state[state.PERSON_REPORT] = (person_id, as_of.isoformat(), html)
    prepared = st.session_state.get(state.PERSON_REPORT)
    if prepared is not None and prepared[0] == person_id:
        st.download_button(f"Download the report as of {prepared[1]}", data=prepared[2],
                           file_name=f"report-{person_id}-{prepared[1]}.html",
                           mime="text/html", key="person_report_download")

map_column, cards = st.columns([3, 1])
with map_column:
    nodes, ties = person_rows.map_elements(view, person_rows.map_positions(
        record.data.history))
    # The what-if control (a tab below) has its choice in the session state already.
    chosen = person_view.what_if_node(view, st.session_state.get(state.WHAT_IF_TIE))
    st.iframe(network_map.render_map(nodes, ties, aria_label="Support network map",
                                     what_if=chosen),
              height=network_map.map_height())
with cards:
    paid = person_view.paid_card(view)
    st.metric("Paid share of support", paid.value, help=paid.help)
    st.caption(md_text(paid.caption))
    if view["over_reliant"]:
        st.warning("Over-reliant on paid support")
    st.metric("Support functions covered", view["measures"]["functions_covered"])
    if view["uncovered_functions"]:
        st.error(md_text(person_view.uncovered_text(view)))
    else:
        st.success("Every needed function is covered.")
    isolation = person_view.isolation_card(view)
    st.metric("Isolation", isolation.value, help=isolation.help)
    st.caption(md_text(isolation.caption))  # names recorded text (tie names)

tabs = st.tabs(["Ties", "Single points of failure", "What if…", "Risks",
                "Isolation, attendance and measures", "Review history", "Review triggers",
                "Suggested assets"])
with tabs[0]:
    st.dataframe(person_view.tie_table(record, view), hide_index=True, width="stretch")
    with st.expander("Every detail of each tie (relationship, strength, plan, risks)"):
        st.dataframe(person_view.tie_table(record, view, detail=True), hide_index=True,
                     width="stretch")
    planned = person_rows.planned_rows(view)
    if planned:
        st.markdown("**Proposed introductions** (dotted on the map; not yet counted as support)")
        st.dataframe(pd.DataFrame(planned, columns=list(person_rows.PLANNED_COLUMNS))
                     .rename(columns=person_rows.PLANNED_COLUMNS), hide_index=True,
                     width="stretch")
with tabs[1]:
    acting = person_view.single_point_rows(view, only_providers=False)
    notes = person_view.single_point_rows(view, only_providers=True)
    if not acting:
        st.success("Nobody here is a single point of failure to act on, on this date.")
    for point in acting:
        st.markdown(f"**{md_text(point['Who'])}** ({md_text(point['Kind'])}) · "
                    f"{md_text(point['Severity'])}: {md_text(point['Why'])}  \n"
                    f"*Suggested action:* {md_text(point['Suggested action'])}")
    if notes:
        st.caption("Only provider: services that alone give some support. A service can be "
                   "re-commissioned, so these are notes for the plan, not actions.")
        st.dataframe(pd.DataFrame(notes)[["Who", "Kind", "Only they provide", "Why"]],
                     hide_index=True, width="stretch")
with tabs[2]:
    choices = person_view.what_if_choices(view)
    if choices:
        picked = st.selectbox("If this tie ended… (drawn in black on the map)", list(choices),
                              key=state.WHAT_IF_TIE)
        st.dataframe(pd.DataFrame([person_view.what_if_summary(view, choices[picked])]).T
                     .rename(columns={0: "What would be lost"}), width="stretch")
    else:
        st.info("No ties on this date.")
with tabs[3]:
    st.dataframe(person_view.risk_table(record, view), hide_index=True, width="stretch")
with tabs[4]:
    st.caption("Each panel has its own scale. Dashed line: the cut-off. Shaded months: at "
               "risk (by the validated measures while in date, else by the network rule).")
    for panel in person_view.trend_panels(view):
        st.vega_lite_chart(spec=panel["spec"], width="stretch", alt=panel["title"])
    st.markdown("**Month by month**")
    st.dataframe(person_view.month_table(view), hide_index=True, width="stretch")
    st.markdown("**Measures recorded**")
    measures = person_view.measure_table(record)
    if measures.empty:
        st.info("No measures recorded.")
    else:
        st.dataframe(measures, hide_index=True, width="stretch")
with tabs[5]:
    reviews = person_view.review_table(record)
    if reviews.empty:
        st.info("No reviews recorded.")
    else:
        st.dataframe(reviews, hide_index=True, width="stretch")
    st.markdown("**Attendance and other recorded events**")
    events = person_view.event_table(record, view)
    if events.empty:
        st.info("No other events recorded.")
    else:
        st.dataframe(events, hide_index=True, width="stretch")
with tabs[6]:
    triggers = person_rows.trigger_rows(view)
    if triggers:
        st.dataframe(pd.DataFrame(triggers), hide_index=True, width="stretch")
    else:
        st.success("No review triggers on this date.")
with tabs[7]:
    suggestions = person_view.suggestion_rows(view)
    if suggestions:
        st.dataframe(pd.DataFrame(suggestions), hide_index=True, width="stretch")
    else:
        st.info(md_text(person_view.no_suggestion_text(view)))
