"""Import (service leads): upload files, see every bad row, confirm to import."""

import pandas as pd
import streamlit as st

from dashboards import import_flow, session, state
from graph.model import Role

scope = session.require_viewer(Role.SERVICE_LEAD)
store = session.store()
st.title("Import")
st.caption("People, ties, knows, assets, services, events and measures as CSV, XLSX or JSON "
           "(templates in ingest/templates). Nothing is written until you confirm, and a file "
           "with any bad row writes nothing.")

generation = st.session_state.setdefault(state.IMPORT_UPLOADER_GENERATION, 0)
uploads = st.file_uploader("Files to import", type=import_flow.ACCEPTED_TYPES,
                           accept_multiple_files=True, key=f"import_files_{generation}")
staged = st.session_state.get(state.IMPORT_STAGED)
if not uploads:
    import_flow.discard(staged)
    st.session_state[state.IMPORT_STAGED] = None
    st.stop()
if staged is None or staged.signature != import_flow.signature(uploads):
    import_flow.discard(staged)
    with st.spinner("Validating…"):
        staged = import_flow.stage(store, uploads)
    st.session_state[state.IMPORT_STAGED] = staged

report = staged.report
st.dataframe(pd.DataFrame(import_flow.file_rows(report)), hide_index=True)
if not report.ok:
    st.error(f"{len(report.errors)} problem(s) found; nothing can be imported until every "
             "row is fixed.")
    st.dataframe(pd.DataFrame({"Problem (file:line: column: reason)": report.errors}),
                 hide_index=True, width="stretch")
    st.stop()

st.success(f"All {report.rows_read} rows are valid: "
           + ", ".join(f"{count} {kind}" for kind, count in sorted(report.counts.items())))
if st.button("Import these rows", type="primary"):
    with st.spinner("Importing…"):
        result = import_flow.confirm(store, scope, staged)
    st.session_state[state.IMPORT_STAGED] = None
    st.session_state[state.IMPORT_UPLOADER_GENERATION] = generation + 1
    if result.ok:
        st.success(f"Imported: {result.rows_written} rows written (run {result.run_id}).")
    else:
        st.error("The import failed: " + "; ".join(result.errors[:20]))
