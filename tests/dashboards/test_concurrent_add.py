"""Two people adding the same new tie at once (issue 15.7): the second add is refused
with what the first added and who, never last-write-wins. On the real store, with two
sessions of their own (``SessionGraph.open``: a driver each) saving from two threads.

The area is conftest's TINY_AREA: PR-A holds C-1; the service lead of SVC-A sees C-1 too.
"""

from __future__ import annotations

import threading

from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope
from ingest import forms

from ..conftest import SessionGraph
from .conftest import scope_of

PR_A = scope_of(Role.PRACTITIONER, "PR-A")
LEAD = scope_of(Role.SERVICE_LEAD, "SVC-A")


def friend(number: int, contacts: int) -> dict[str, object]:
    return {"person_id": "C-1", "to_id": f"SUP-race{number}", "to_type": "person",
            "kind": "natural", "relationship": "friend", "functions": ["emotional"],
            "contacts_per_month": contacts, "since": "2026-03-01"}


def stored_contacts(store: Neo4jStore, number: int) -> object:
    read = forms.read_tie(store, PR_A, "C-1", f"C-1>SUP-race{number}@2026-03-01")
    assert read is not None
    return read.values["contacts_per_month"]


def test_an_add_while_another_is_claimed_is_refused_naming_who(tiny: Neo4jStore) -> None:
    # PR-A's add of friend 0 has claimed the tie on C-1 (its claim query has committed)
    # but not yet written it: the lead's add of the same tie must not go ahead.
    claim = tiny.write("form_claim_new_tie", {
        "person_id": "C-1", "tie_id": "C-1>SUP-race0@2026-03-01",
        "live_after": "2000-01-01T00:00:00Z"}, actor=PR_A.user)
    assert claim[0]["claimed"] is True
    refused = forms.add_tie(tiny, LEAD, friend(0, 2), supporter_name="Race Friend")
    assert not refused.ok
    assert refused.conflict[0].startswith(f"someone else is adding this tie ({PR_A.user} at 20")
    assert forms.read_tie(tiny, PR_A, "C-1", "C-1>SUP-race0@2026-03-01") is None
    # Another tie of the same client is not held up by that claim.
    assert forms.add_tie(tiny, LEAD, friend(1, 2), supporter_name="Other Friend").ok


def test_two_sessions_adding_the_same_tie_at_once_save_one(
        session_graph: SessionGraph, tiny: Neo4jStore) -> None:
    # Five rounds; in each, PR-A (4 contacts a month) and the lead (2) add the same new
    # friend from their own sessions, released together by a barrier. Exactly one save
    # stands per round; the other is refused naming the one who saved, and the stored
    # tie holds the saved one's contacts (never the refused one's: no last-write-wins).
    sessions = {PR_A.user: session_graph.open(), LEAD.user: session_graph.open()}
    try:
        for number in range(2, 7):
            barrier = threading.Barrier(2)
            results: dict[str, forms.FormResult] = {}

            def add(scope: Scope, contacts: int, number: int = number,
                    barrier: threading.Barrier = barrier,
                    results: dict[str, forms.FormResult] = results) -> None:
                barrier.wait()
                results[scope.user] = forms.add_tie(
                    sessions[scope.user], scope, friend(number, contacts),
                    supporter_name=f"Friend {number}")

            threads = [threading.Thread(target=add, args=(PR_A, 4)),
                       threading.Thread(target=add, args=(LEAD, 2))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            saved = [user for user, result in results.items() if result.ok]
            refused = [result for result in results.values() if not result.ok]
            assert len(saved) == 1 and len(refused) == 1, results
            (winner,) = saved
            assert winner in refused[0].conflict[0]
            assert stored_contacts(tiny, number) == (4 if winner == PR_A.user else 2)
    finally:
        for session in sessions.values():
            session.close()
