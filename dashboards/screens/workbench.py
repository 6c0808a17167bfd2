"""Work with the person (practitioners; service leads for their service): map the network
with the person, plan introductions, and record attendance, events and measures. Every
form saves through ``ingest.forms`` (the import's rules and writer, scoped, audited);
a tie edited by someone else since this page read it is refused with what changed."""

from datetime import date

import streamlit as st

from analytics.instruments import QUESTIONNAIRES, instrument_score
from assetmap import views
from dashboards import person_view, session, state
from dashboards import workbench as wb
from dashboards.text import md_text
from graph import reads
from graph.model import (
    LSNS6_AT_RISK_BELOW,
    UCLA3_LONELY_FROM,
    ConnectionStatus,
    EventKind,
    Instrument,
    Risk,
    Role,
    SupportFunction,
    TargetType,
    TieKind,
    label,
)
from ingest import forms

scope = session.require_viewer((Role.PRACTITIONER, Role.SERVICE_LEAD))
store = session.store()
settings = session.settings()
today = settings.today()
st.title("Work with the person")
clients = reads.clients_in_scope(store, scope)
if clients.empty:
    st.info("There is nobody on your caseload yet.")
    st.stop()
names = dict(zip(clients["person_id"], clients["display_name"], strict=True))
# The client the forms were last drawn for: a form filled in for one client is never
# saved to another (the list can change under it, e.g. a client moved to another caseload).
drawn_for = st.session_state.get(state.WORKBENCH_DRAWN_FOR)
person_id = st.selectbox("Client", list(names), key=state.WORKBENCH_PERSON,
                         format_func=lambda pid: f"{names[pid] or '(no name)'} · {pid}")
st.session_state[state.WORKBENCH_DRAWN_FOR] = person_id
view = views.person(store, scope, person_id, as_of=today.isoformat(), limits=settings.analytics)
if view is None:
    st.warning("unknown or not in your caseload")
    st.stop()
session.audit_person_view(store, scope, person_id, "workbench")
client = view.record.data.client
ties = view.record.data.ties
st.caption(md_text(f"Saved at once to {client['display_name'] or person_id}'s record: the person "
                   "page, the service view and the report show it on their next load."))

notice = st.empty()  # the outcome of this run's save, above the forms


def say(ok: bool, text: str) -> None:
    with notice.container():
        (st.success if ok else st.error)(md_text(text))


saved_before = st.session_state.pop(state.WORKBENCH_NOTICE, None)
if saved_before is not None:  # the outcome of the save that asked for this run
    say(True, str(saved_before))


def done(result: forms.FormResult, saved: str) -> None:
    """Say what the save did. A save runs the page again at once, so every form and
    list shows the record as saved (a new connection to plan, its next step); a refusal
    keeps the form as it was filled in."""
    if result.ok or result.conflict:
        st.session_state.pop(state.WORKBENCH_READS, None)
    if result.ok:
        person_view.forget_after_write()
        st.session_state[state.WORKBENCH_NOTICE] = wb.outcome_text(result, saved)
        st.rerun()
    say(result.ok, wb.outcome_text(result, saved))


def same_client() -> bool:
    """A submitted form belongs to the client it was drawn for; say so if not."""
    if drawn_for == person_id:
        return True
    say(False, "Not saved: this form was filled in for another client. Check the client "
               "and enter it again.")
    return False


def read_once(tie_id: str) -> forms.TieState | None:
    """The tie as this page first read it: its version travels with the form."""
    kept = st.session_state.setdefault(state.WORKBENCH_READS, {})
    if tie_id not in kept:
        kept[tie_id] = forms.read_tie(store, scope, person_id, tie_id)
    read: forms.TieState | None = kept[tie_id]
    return read


def read_measure_once(day: str, instrument: str) -> forms.MeasureState | None:
    """The measure as this page first read it: its version travels with the form."""
    kept = st.session_state.setdefault(state.WORKBENCH_READS, {})
    key = f"measure|{day}|{instrument}"
    if key not in kept:
        kept[key] = forms.read_measure(store, scope, person_id, day, instrument)
    read: forms.MeasureState | None = kept[key]
    return read


mapping, editing, introductions, evidence, measures, review = st.tabs(
    ["Map with the person", "Ties", "Introductions", "Evidence", "Measures", "Review"])

with mapping:
    prompts = wb.prompts_for(list(client["functions_needed"] or []))
    prompt = st.selectbox("Ask", range(len(prompts)), format_func=lambda i: prompts[i].text,
                          key=state.WORKBENCH_PROMPT)
    asked = prompts[prompt]
    people = {str(r["to_id"]): str(r["name"] or r["to_id"]) for r in ties.to_dict("records")
              if r["to_type"] == TargetType.PERSON.value and not str(r["to_id"]).startswith("hidden")}
    directory = views.directory(store, scope, as_of=today.isoformat())
    places = {str(a["id"]): str(a["name"]) for a in (directory.assets if directory else ())}
    choices = {"new": "Someone new", **{f"person:{k}": v for k, v in people.items()},
               **{f"asset:{k}": f"{v} (place)" for k, v in places.items()}}
    with st.form("map_form", clear_on_submit=True):
        target = st.selectbox("Answer", list(choices), format_func=choices.__getitem__,
                              key="map_target")
        new_name = st.text_input("Name (someone new)", key="map_name")
        relationship = st.text_input("Relationship (daughter, neighbour, group…)", key="map_relationship")
        # Keyed by the prompt: a place's answer starts as community, a person's as
        # family, with that prompt's functions (a kept value would carry over).
        kind = st.selectbox("Kind", wb.KIND_CHOICES, key=f"map_kind_{prompt}",
                            index=wb.KIND_CHOICES.index(TieKind.COMMUNITY if asked.target is TargetType.ASSET else TieKind.NATURAL),
                            format_func=lambda code: label(code, TieKind))
        functions = st.multiselect("What they help with", wb.FUNCTION_CHOICES,
                                   key=f"map_functions_{prompt}",
                                   default=list(asked.functions),
                                   format_func=lambda code: label(code, SupportFunction))
        contacts = st.number_input("Contacts a month", min_value=0.0, max_value=1000.0,
                                   value=None, key="map_contacts")
        own_words = st.text_area("In the person's own words", key="map_words")
        since = st.date_input("Since", value=today, key="map_since")
        submitted = st.form_submit_button("Add to the map")
    if submitted and same_client():
        to_type, _, to_id = target.partition(":")
        if target == "new":
            to_type, to_id = TargetType.PERSON.value, forms.new_supporter_id()
        current = ties[(ties["to_id"] == to_id) & ties["until"].isna()]
        answer = {"relationship": relationship, "kind": kind, "functions": functions,
                  "contacts_per_month": contacts, "own_words": own_words}
        if not current.empty:  # an answer about someone already on the map updates them
            read = forms.read_tie(store, scope, person_id, str(current.iloc[0]["tie_id"]))
            if read is None:
                done(forms.FormResult(ok=False, problems=(forms.NOT_IN_CASELOAD,)), "")
            else:
                merged = sorted({*(read.values.get("functions") or []), *functions})
                changes = {**{k: v for k, v in answer.items() if v not in (None, "", [])},
                           "functions": merged}
                done(forms.edit_tie(store, scope, read, changes, as_of=today.isoformat(),
                                    detail=f"mapped: {asked.text}"),
                     f"Updated {choices[target]}.")
        else:
            row = {"person_id": person_id, "to_id": to_id, "to_type": to_type, **answer,
                   "since": since.isoformat()}
            if to_type == TargetType.ASSET.value:
                row["status"] = "attending"
            done(forms.add_tie(store, scope, row, supporter_name=new_name,
                               as_of=today.isoformat()),
                 f"Added {new_name or choices[target]} to the map.")

with editing:
    editable = wb.editable_ties(ties)
    if not editable:
        st.info("No current ties to change.")
    else:
        chosen = st.selectbox("Tie", list(editable), format_func=editable.__getitem__,
                              key=state.WORKBENCH_TIE)
        read = read_once(chosen)
        if read is None:
            st.warning("unknown or not in your caseload")
        else:
            values = read.values
            st.caption(md_text(f"Last saved by {read.updated_by or 'the import'} at "
                               f"{read.updated_at or 'an unknown time'}."))
            with st.form("edit_form"):
                kind = st.selectbox("Kind", wb.KIND_CHOICES, key=f"edit_kind_{chosen}",
                                    index=wb.KIND_CHOICES.index(values.get("kind", "natural")),
                                    format_func=lambda code: label(code, TieKind))
                functions = st.multiselect(
                    "What they help with", wb.FUNCTION_CHOICES, key=f"edit_functions_{chosen}",
                    default=list(values.get("functions") or []),
                    format_func=lambda code: label(code, SupportFunction))
                contacts = st.number_input("Contacts a month", min_value=0.0, max_value=1000.0,
                                           value=values.get("contacts_per_month"),
                                           key=f"edit_contacts_{chosen}")
                hours = st.number_input("Hours a week", min_value=0.0, max_value=168.0,
                                        value=values.get("hours_per_week"), key=f"edit_hours_{chosen}")
                own_words = st.text_area("In the person's own words", key=f"edit_words_{chosen}",
                                         value=values.get("own_words") or "")
                if st.form_submit_button("Save changes") and same_client():
                    done(forms.edit_tie(store, scope, read, {
                        "kind": kind, "functions": functions, "contacts_per_month": contacts,
                        "hours_per_week": hours, "own_words": own_words},
                        as_of=today.isoformat()), "Saved.")
            with st.form("end_form"):
                st.markdown("**End this tie** (it stays on the record, with the date and reason)")
                until = st.date_input("Ended on", value=today, key=f"end_until_{chosen}")
                reason = st.text_input("Reason", key=f"end_reason_{chosen}")
                if st.form_submit_button("End the tie") and same_client():
                    done(forms.end_tie(store, scope, read, until.isoformat(), reason),
                         "Ended; it stays on the record.")

with introductions:
    proposable = wb.introduction_choices(list(view.figures["suggestions"]),
                                         list(directory.assets if directory else ()), ties)
    if proposable:
        with st.form("propose_form", clear_on_submit=True):
            st.markdown("**Propose an introduction** (suggested fits first)")
            asset = st.selectbox("Place or group", list(proposable), key="propose_asset",
                                 format_func=proposable.__getitem__)
            proposed_on = st.date_input("Proposed on", value=today, key="propose_since")
            if st.form_submit_button("Propose") and same_client():
                done(forms.add_tie(store, scope, {
                    "person_id": person_id, "to_id": asset, "to_type": TargetType.ASSET.value,
                    "kind": TieKind.COMMUNITY.value, "since": proposed_on.isoformat(),
                    "status": ConnectionStatus.PROPOSED.value}, as_of=today.isoformat()),
                    f"Proposed: {proposable[asset]}.")
    linked = wb.connections(ties)
    if not linked:
        st.info("No community connections yet: add a place on the map first.")
    else:
        chosen = st.selectbox("Connection", list(linked), format_func=linked.__getitem__,
                              key=state.WORKBENCH_CONNECTION)
        read = read_once(chosen)
        required = settings.workbench.required_plan_items
        if read is not None:
            values = read.values
            with st.form("plan_form"):
                answers = {item: st.text_input(
                    f"{words}{' (required before introduction)' if item in required else ''}",
                    value=str(values.get(item) or ""), key=f"plan_{item}_{chosen}")
                    for item, words in wb.PLAN_ITEMS.items()}
                risks = st.multiselect("Risks", [risk.value for risk in Risk], key=f"plan_risks_{chosen}",
                                       default=list(values.get("risk_flags") or []),
                                       format_func=lambda code: label(code, Risk))
                mitigations = st.text_area("Mitigations", value=values.get("mitigations") or "",
                                           key=f"plan_mitigations_{chosen}")
                if st.form_submit_button("Save the plan") and same_client():
                    done(forms.edit_tie(store, scope, read, {
                        **answers, "risk_flags": risks, "mitigations": mitigations},
                        as_of=today.isoformat(), detail="introduction plan"), "Plan saved.")
            current = str(values.get("status") or "proposed")
            nexts = wb.NEXT_STATUSES.get(current, ())
            if nexts:
                with st.form("status_form"):
                    status = st.selectbox(f"Move from {wb.status_words(current)} to", nexts,
                                          key="status_next", format_func=wb.status_words)
                    on = st.date_input("On", value=today, key="status_on")
                    why = st.text_input("Reason (when it ends)", key="status_reason")
                    if st.form_submit_button("Move") and same_client():
                        done(forms.move_connection(store, scope, read, status, on.isoformat(),
                                                   required_plan_items=required, reason=why),
                             f"Now {wb.status_words(status)}.")

with evidence:
    when = st.date_input("Date", value=today, key=state.WORKBENCH_EVIDENCE_DATE)
    for asset_id, name in wb.active_connections(ties).items():
        left, middle, right = st.columns([3, 1, 1])
        left.markdown(md_text(name))
        for column, kind in ((middle, EventKind.ATTENDED), (right, EventKind.MISSED)):
            if (column.button(kind.value.capitalize(), key=f"attend_{kind.value}_{asset_id}")
                    and same_client()):
                done(forms.record_event(store, scope, {
                    "person_id": person_id, "date": when.isoformat(), "kind": kind.value,
                    "other_id": asset_id}), f"{kind.value.capitalize()}: {name}, {when}.")
    kind = st.selectbox("Record", wb.EVIDENCE_KINDS, key=state.WORKBENCH_EVENT_KIND,
                        format_func=lambda code: label(code, EventKind))
    if kind == EventKind.SAFEGUARDING_CONCERN.value:
        st.warning(md_text(f"Escalation route: {settings.workbench.escalation_route}"))
    with st.form("event_form", clear_on_submit=True):
        notes = st.text_area("What happened", key="event_notes")
        if st.form_submit_button("Record") and same_client():
            done(forms.record_event(store, scope, {"person_id": person_id,
                                                   "date": when.isoformat(), "kind": kind,
                                                   "notes": notes}),
                 f"Recorded {label(kind, EventKind)} on {when}.")

with measures:
    instrument = st.selectbox("Measure", list(QUESTIONNAIRES), key=state.WORKBENCH_INSTRUMENT,
                              format_func=lambda code: str(code.value))
    with st.form("measure_form", clear_on_submit=True):
        measured_on: date = st.date_input("Date", value=today, key="measure_date")
        replies = [st.radio(question.text, [value for value, _ in question.options],
                            index=None, key=f"measure_{instrument.value}_{number}",
                            format_func=dict(question.options).__getitem__)
                   for number, question in enumerate(QUESTIONNAIRES[instrument])]
        if not st.form_submit_button("Save the answers") or not same_client():
            pass
        elif any(reply is None for reply in replies):
            say(False, "Answer every question.")
        else:
            items = [int(reply) for reply in replies if reply is not None]
            score = instrument_score(instrument, items)
            meaning = {Instrument.LSNS6: "at risk of isolation" if score < LSNS6_AT_RISK_BELOW
                       else "not at risk of isolation",
                       Instrument.UCLA3: "lonely" if score >= UCLA3_LONELY_FROM else "not lonely"
                       }.get(instrument, "")
            done(forms.record_measure(store, scope, {
                "person_id": person_id, "date": measured_on.isoformat(),
                "instrument": instrument.value, "score": score, "items": items}),
                f"{instrument.value} {score}{f' ({meaning})' if meaning else ''} saved.")

    recorded = wb.measure_choices(view.record.data.measures)
    with st.expander("Correct a recorded measure"):
        picked = st.selectbox("Recorded measure", list(recorded), index=None,
                              key="correct_measure_pick", format_func=recorded.__getitem__)
        measure_read = read_measure_once(*picked.split("|", 1)) if picked else None
        if picked and measure_read is None:
            st.info("That measure is no longer recorded.")
        elif measure_read is not None:
            st.caption(md_text(wb.recorded_measure_text(measure_read)))
            recorded_items = list(measure_read.values.get("items") or [])
            measured = Instrument(measure_read.values["instrument"])
            form_key = f"correct_{measure_read.measure_id}"
            with st.form(form_key):
                fix_answers: list[int | None] = []
                new_score = float(measure_read.values["score"])
                if recorded_items and measured in QUESTIONNAIRES:
                    for number, question in enumerate(QUESTIONNAIRES[measured]):
                        answer_values = [value for value, _ in question.options]
                        was = recorded_items[number] if number < len(recorded_items) else None
                        fix_answers.append(st.radio(
                            question.text, answer_values, key=f"{form_key}_{number}",
                            index=answer_values.index(was) if was in answer_values else None,
                            format_func=dict(question.options).__getitem__))
                else:
                    new_score = float(st.number_input("Corrected score", value=new_score,
                                                      key=f"{form_key}_score"))
                why = st.text_area("Why it is corrected (kept with the measure)",
                                   key=f"{form_key}_reason")
                if not st.form_submit_button("Save the correction") or not same_client():
                    pass
                elif any(answer is None for answer in fix_answers):
                    say(False, "Answer every question.")
                else:
                    fix_items = [int(answer) for answer in fix_answers if answer is not None]
                    fixed_score = (instrument_score(measured, fix_items) if fix_items
                                   else new_score)
                    done(forms.correct_measure(store, scope, measure_read, score=fixed_score,
                                               items=fix_items, reason=why),
                         f"{measured.value} of {measure_read.values['date']} corrected to "
                         f"{fixed_score:g}.")

with review:
    since_review = views.review_changes(view)
    heading, *lines = wb.review_change_lines(since_review)
    st.markdown(md_text(heading))
    for line in lines:
        st.markdown(md_text(f"- {line}"))
    if since_review["next_review"]:
        st.caption(md_text(f"Next review planned: {since_review['next_review']}"))
    with st.form("review_form"):  # kept on a refusal: a summary is long to type again
        held_on: date = st.date_input("Review held on", value=today, key="review_on")
        summary = st.text_area("Summary (practitioner)", key="review_summary")
        own_view = st.text_area("The person's own view", key="review_own_view")
        next_on: date | None = st.date_input("Next review", value=None, key="review_next")
        ack_notes = [st.text_input(md_text(f"Acknowledge: {t['detail']} ({t['date']})"),
                                   key=f"review_ack_{number}")
                     for number, t in enumerate(since_review["triggers"])]
        if st.form_submit_button("Record the review") and same_client():
            done(forms.record_review(
                store, scope, person_id, on=held_on.isoformat(), summary=summary,
                own_view=own_view, next_review=next_on.isoformat() if next_on else "",
                acknowledged=list(zip(since_review["triggers"], ack_notes, strict=True))),
                f"Review recorded; next review {next_on}.")
