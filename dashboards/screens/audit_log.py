"""Audit log (service leads): who opened which person's page, and every write, newest
first. The log is append-only; nothing on this page can change it."""

import pandas as pd
import streamlit as st

from assetmap import views
from dashboards import person_view, session, tables
from dashboards.text import md_text
from graph import dashboard_reads
from graph.model import Role

scope = session.require_viewer(Role.SERVICE_LEAD)
st.title("Audit log")
view = views.audit(session.store(), scope)
rows = list(view.entries) if view else []
service = person_view.service_name(dashboard_reads.service_names(session.store()),
                                   scope.scope_id)
st.caption(md_text(f"The newest {view.limit if view else 0} entries about people in "
                   f"{service}, and imports. Entries are appended by the application "
                   "and cannot be edited."))
if not rows:
    st.info("No audit entries yet.")
    st.stop()
table = pd.DataFrame.from_records(rows, columns=["at", "actor", "role", "action", "person_id",
                                                 "detail", "before", "after"])
table["action"] = table["action"].map(tables.audit_action)
table["role"] = table["role"].map(lambda role: str(role or "").replace("_", " "))
actions = st.multiselect("Action", sorted(table["action"].dropna().unique()))
if actions:
    table = table[table["action"].isin(actions)]
st.dataframe(table.rename(columns={"at": "When (UTC)", "actor": "Who", "role": "Role",
                                   "action": "Action", "person_id": "Person",
                                   "detail": "Detail", "before": "Before",
                                   "after": "After"}),
             hide_index=True, width="stretch")
