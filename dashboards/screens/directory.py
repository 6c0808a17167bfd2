"""Directory: the approved community assets, with what a practitioner needs to know
before suggesting one (access, cost, when, getting there, safeguarding, review).

Asset owners and service leads also keep the directory here: approve an asset,
withdraw it with a reason (never deleted), record an asset review. Every save goes
through ``ingest.directory_forms`` (the import's rules and writer, scoped, audited); an
asset changed by someone else since this page read it is refused with what changed."""

from datetime import date

import streamlit as st

from assetmap import views
from dashboards import directory_upkeep as upkeep
from dashboards import person_view, session, state, tables
from dashboards.text import md_text
from dashboards.workbench import outcome_text
from graph.model import AccessFeature, AssetCategory, label
from ingest import directory_forms

scope = session.require_viewer()
store = session.store()
st.title("Community asset directory")
today = session.settings().today()
view = views.directory(store, scope, as_of=today.isoformat())
rows = list(view.assets) if view else []
if not rows:
    st.info("No approved assets in the directory yet.")
    if not scope.keeps_directory:
        st.stop()
else:
    left, middle, right = st.columns(3)
    areas = left.multiselect("Area", tables.options(rows, "area"), key=state.DIRECTORY_AREAS)
    categories = middle.multiselect("Category", tables.options(rows, "category"),
                                    format_func=lambda code: label(code, AssetCategory),
                                    key=state.DIRECTORY_CATEGORIES)
    access = right.multiselect("Must offer", tables.options(rows, "accessibility"),
                               format_func=lambda code: label(code, AccessFeature),
                               key=state.DIRECTORY_ACCESS)
    free_only = left.toggle("Free only", key=state.DIRECTORY_FREE_ONLY)
    hide_overdue = middle.toggle("Hide assets overdue for review (or with no review date)",
                                 key=state.DIRECTORY_HIDE_OVERDUE)
    shown = tables.filter_directory(rows, areas=areas, categories=categories, access=access,
                                    free_only=free_only, hide_overdue=hide_overdue, today=today)
    overdue = sum(tables.counts_as_overdue(row.get("review_due"), today) for row in shown)
    st.caption(f"{len(shown)} of {len(rows)} approved assets shown; {overdue} overdue for "
               "review or with no review date (overdue assets are never suggested on the "
               "person page).")
    st.dataframe(tables.directory_table(shown), hide_index=True, width="stretch")

if not scope.keeps_directory:
    st.stop()

# -- upkeep: asset owners and service leads ------------------------------------------------
st.header("Keep the directory")
every = views.directory(store, scope, as_of=today.isoformat(), approved_only=False)
assets = list(every.assets) if every else []
if not assets:
    st.info("The directory holds no assets yet: import an assets file first.")
    st.stop()
st.caption("Every asset, approved or not. Saved at once: suggestions on the person page, "
           "the area's directory figures and the reports use it on their next load.")
st.dataframe(upkeep.upkeep_table(assets), hide_index=True, width="stretch")
choices = upkeep.asset_labels(assets)
chosen = st.selectbox("Asset", list(choices), format_func=choices.__getitem__,
                      key=state.DIRECTORY_UPKEEP_ASSET)


def read_once(asset_id: str) -> directory_forms.AssetState | None:
    """The asset as this page first read it: its version travels with the forms."""
    kept = st.session_state.setdefault(state.DIRECTORY_UPKEEP_READS, {})
    if asset_id not in kept:
        kept[asset_id] = directory_forms.read_asset(store, scope, asset_id)
    read: directory_forms.AssetState | None = kept[asset_id]
    return read


def done(result: directory_forms.FormResult, saved: str) -> None:
    """Keep what the save did for the next run, which reads every table and the asset
    afresh (after a save or a conflict the forms carry the new version)."""
    st.session_state[state.DIRECTORY_UPKEEP_NOTICE] = (result.ok,
                                                       outcome_text(result, saved))
    if result.ok or result.conflict:
        st.session_state.pop(state.DIRECTORY_UPKEEP_READS, None)
    if result.ok:
        person_view.forget_after_write()  # fit and suggestions read the directory
    st.rerun()


said = st.session_state.pop(state.DIRECTORY_UPKEEP_NOTICE, None)
if said is not None:
    (st.success if said[0] else st.error)(md_text(said[1]))
read = read_once(chosen)
if read is None:
    st.warning(directory_forms.UNKNOWN_ASSET)
    st.stop()
values = read.values
withdrawn = upkeep.withdrawal_words(values)
st.caption(md_text(
    f"Approved: {'yes' if values.get('approved') is True else 'no'} · status "
    f"{upkeep.status_words(values)}{f' ({withdrawn})' if withdrawn else ''} · last saved "
    f"by {read.updated_by or 'the import'} at {read.updated_at or 'an unknown time'}."))
approving, withdrawing, reviewing = st.tabs(["Approve", "Withdraw", "Review"])

with approving, st.form("approve_form"):
    st.markdown("**Approve this asset**: it may then be suggested while it is running "
                "and in date for review.")
    if st.form_submit_button("Approve"):
        done(directory_forms.approve_asset(store, scope, read, on=today.isoformat()),
             "Approved.")

with withdrawing, st.form("withdraw_form"):
    st.markdown("**Withdraw this asset** (it is never suggested again; it stays on "
                "record with the day and the reason, and so do the ties of people who "
                "went there)")
    withdrawn_on = st.date_input("Withdrawn on", value=today, key=f"withdraw_on_{chosen}")
    reason = st.text_input("Reason", key=f"withdraw_reason_{chosen}")
    if st.form_submit_button("Withdraw"):
        done(directory_forms.withdraw_asset(store, scope, read, on=withdrawn_on.isoformat(),
                                            reason=reason),
             "Withdrawn; it stays on the record.")

with reviewing, st.form("asset_review_form"):
    st.markdown("**Record a review** of this asset")
    reviewed_on = st.date_input("Reviewed on", value=today, key=f"review_on_{chosen}")
    reviewer = st.text_input("Reviewer", value=scope.user, key=f"review_by_{chosen}")
    access_notes = st.text_area("Access notes", value=values.get("access_notes") or "",
                                key=f"review_access_notes_{chosen}")
    access_checked = st.checkbox("I checked the accessibility notes",
                                 key=f"review_access_checked_{chosen}")
    safeguarding_notes = st.text_area("Safeguarding notes",
                                      value=values.get("safeguarding_notes") or "",
                                      key=f"review_safeguarding_notes_{chosen}")
    safeguarding_checked = st.checkbox("I checked the safeguarding notes",
                                       key=f"review_safeguarding_checked_{chosen}")
    next_review = st.date_input(
        "Next review", value=date.fromisoformat(upkeep.default_next_review(today.isoformat())),
        key=f"review_next_{chosen}")
    if st.form_submit_button("Record the review"):
        done(directory_forms.review_asset(
            store, scope, read, on=reviewed_on.isoformat(), next_review=next_review.isoformat(),
            reviewer=reviewer, access_checked=access_checked,
            safeguarding_checked=safeguarding_checked, access_notes=access_notes,
            safeguarding_notes=safeguarding_notes), "Review recorded.")
