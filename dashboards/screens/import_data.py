"""Import (service leads): upload files, see every bad row, confirm to import."""

import pandas as pd
import streamlit as st

from dashboards import import_flow, session, state
from dashboards.text import md_text
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
complete = st.checkbox(
    "These ties files are the complete current networks of the clients in them",
    key=state.IMPORT_COMPLETE_NETWORK,
    help="Then every current tie of those clients that the files do not list is ended "
         "(never deleted). Leave it off to add or change ties without ending any.")
staged = st.session_state.get(state.IMPORT_STAGED)
if not uploads:
    import_flow.discard(staged)
    st.session_state[state.IMPORT_STAGED] = None
    st.stop()
if (staged is None or staged.signature != import_flow.signature(uploads)
        or staged.complete_network != complete):
    import_flow.discard(staged)
    with st.spinner("Validating…"):
        staged = import_flow.stage(store, scope, uploads, complete_network=complete,
                                   vocabulary=session.settings().vocabulary,
                                   limits=session.settings().import_limits)
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
for summary in report.files:
    if summary.shape:
        st.caption(md_text(f"{summary.name}: read as {summary.shape}"))
if report.terms_mapped:
    st.info("These terms of the files will be stored in assetmap's words "
            "(the vocabulary of the settings file, or our own term spelt differently):")
    st.dataframe(pd.DataFrame(import_flow.terms_mapped_rows(report)), hide_index=True,
                 width="stretch")
for warning in report.warnings:
    st.warning(md_text(warning))
moves = import_flow.service_moves(report.changes)
if moves:
    st.warning(md_text(f"{len(moves)} client(s) will move to another service: "
                       + ", ".join(moves)))
if report.changes:
    st.write(f"What importing will change, client by client ({len(report.changes)}):")
    st.dataframe(pd.DataFrame(import_flow.change_rows(report.changes)), hide_index=True,
                 width="stretch")
else:
    st.info("Importing changes nothing: every row is already stored as it is.")
if complete:
    if report.ties_to_end:
        st.warning(f"Importing will end {len(report.ties_to_end)} current tie(s) these files "
                   "do not list:")
        st.dataframe(pd.DataFrame(import_flow.ending_rows(report.ties_to_end)),
                     hide_index=True, width="stretch")
    else:
        st.info("No current tie will end: the files list every current tie of their clients.")
if st.button("Import these rows", type="primary"):
    with st.spinner("Importing…"):
        result = import_flow.confirm(store, scope, staged)
    st.session_state[state.IMPORT_STAGED] = None
    st.session_state[state.IMPORT_UPLOADER_GENERATION] = generation + 1
    if result.ok:
        st.success(f"Imported: {result.rows_written} rows written, "
                   f"{len(result.ties_ended)} tie(s) ended (run {result.run_id}).")
        if result.changes:
            st.write("What changed, client by client:")
            st.dataframe(pd.DataFrame(import_flow.change_rows(result.changes)),
                         hide_index=True, width="stretch")
        if result.withdrawn:
            st.info(f"{len(result.withdrawn)} directory entr"
                    f"{'y' if len(result.withdrawn) == 1 else 'ies'} no longer listed by "
                    "their feed withdrawn (kept, never suggested): "
                    + md_text(", ".join(str(row["name"] or row["id"])
                                        for row in result.withdrawn)))
    else:
        st.error(md_text("The import failed: " + "; ".join(result.errors[:20])))
