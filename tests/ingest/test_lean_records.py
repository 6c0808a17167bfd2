"""Events and measures store only what is theirs (issue 16: the store's size at 100,000
clients, where they are 7.5 million nodes): no copy of whose they are (HAS_EVENT and
HAS_MEASURE say it) and, for an event, which never changes, no copy of its id as a row
hash and no update stamps. Both import paths write them the same way
(tests/ingest/test_first_load.py compares the ordinary and the bulk path)."""

from __future__ import annotations

from graph.store import GraphStore
from ingest.importer import import_paths

from ..conftest import harness_read
from .helpers import ACTOR, AS_OF, TEMPLATES, nodes_with


def test_an_event_keeps_its_values_and_who_recorded_it_and_when(store: GraphStore) -> None:
    import_paths(store, [TEMPLATES], actor=ACTOR, as_of=AS_OF)
    events = nodes_with(store, "Event")
    assert events
    for event in events.values():
        assert set(event) <= {"id", "date", "kind", "other_id", "notes",
                              "created_by", "created_at"}
        assert event["created_by"] == ACTOR and event["id"].startswith("ev-")


def test_a_measure_keeps_its_version_but_not_whose_it_is(store: GraphStore) -> None:
    import_paths(store, [TEMPLATES], actor=ACTOR, as_of=AS_OF)
    measures = nodes_with(store, "Measure")
    assert measures
    for measure in measures.values():
        assert "person_id" not in measure
        assert {"row_hash", "updated_by", "updated_at"} <= set(measure)


def test_no_index_is_kept_on_a_property_records_no_longer_have(store: GraphStore) -> None:
    harness_read(store, "old_event_index")  # as a store made before then holds it
    assert "event_person" in harness_read(store, "index_names")[0]["names"]
    store.ensure_schema()
    names = harness_read(store, "index_names")[0]["names"]
    assert "event_id" in names
    assert "event_person" not in names and "measure_person" not in names


def test_a_second_import_lists_no_event_or_measure_as_new(store: GraphStore) -> None:
    """The change list compares each stored record's row hash: an event's is its id."""
    import_paths(store, [TEMPLATES], actor=ACTOR, as_of=AS_OF)
    again = import_paths(store, [TEMPLATES], actor=ACTOR, as_of=AS_OF, list_changes=True)
    assert again.outcome == "written"
    assert again.changes is not None
    touched = [change for change in again.changes
               if change["records_added"] or change["records_changed"]]
    assert touched == []
