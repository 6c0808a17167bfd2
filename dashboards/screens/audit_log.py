"""Audit log (service leads): who opened which person's page, and every write, newest
first. The log is append-only; nothing on this page can change it."""

import pandas as pd
import streamlit as st

from dashboards import session
from graph.dashboard_reads import AUDIT_VIEW_LIMIT, audit_entries
from graph.model import Role

scope = session.require_viewer(Role.SERVICE_LEAD)
st.title("Audit log")
st.caption(f"The newest {AUDIT_VIEW_LIMIT} entries about people in service {scope.scope_id}, "
           "and imports. Entries are appended by the application and cannot be edited.")
rows = audit_entries(session.store(), scope)
if not rows:
    st.info("No audit entries yet.")
    st.stop()
table = pd.DataFrame.from_records(rows, columns=["at", "actor", "role", "action", "person_id",
                                                 "detail"])
actions = st.multiselect("Action", sorted(table["action"].dropna().unique()))
if actions:
    table = table[table["action"].isin(actions)]
st.dataframe(table.rename(columns={"at": "When (UTC)", "actor": "Who", "role": "Role",
                                   "action": "Action", "person_id": "Person",
                                   "detail": "Detail"}),
             hide_index=True, width="stretch")
