"""The person view: every figure of one client's page, composed from the other modules.

Used by ``assetmap person`` and the person page, so both show the same numbers.
Each field is defined where it is computed: the network and its measures in
``analytics.network``, single points of failure and uncovered functions in
``analytics.resilience``, shares and basis in ``analytics.reliance``, isolation in
``analytics.isolation``, triggers in ``analytics.triggers``, suggestions in
``analytics.fit``.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from analytics import fit, isolation, network, reliance, resilience, triggers
from analytics.dates import client_start, date_undated_ties, first_record, months_ending
from analytics.thresholds import Thresholds
from graph.frames import records

ISOLATION_MONTHS = 12
SUGGESTIONS = 5


def person_view(
    history: nx.MultiGraph,
    ties: pd.DataFrame,
    events: pd.DataFrame,
    measures: pd.DataFrame,
    assets: pd.DataFrame,
    *,
    as_of: str,
    thresholds: Thresholds | None = None,
    radius: int = 2,
) -> dict[str, Any]:
    """Everything the person view shows, as plain values (JSON-ready).

    Parameters
    ----------
    history : networkx.MultiGraph
        ``graph.frames.history_graph`` of the client (node attributes of the ego
        carry ``area``, ``interests``, ``access_needs``, ``risks``, ``functions_needed``).
    ties, events, measures, assets : DataFrame
        The client's frames and the candidate assets (``graph.reads.PersonData``).
    as_of : str
        ``YYYY-MM-DD``.
    thresholds : Thresholds, optional
        From ``AnalyticsSettings`` (``Thresholds.from_values``); defaults otherwise.
    radius : {1, 2}
        Radius of the network returned in ``network`` (the figures use radius 1
        structure among direct supporters; radius 2 adds second-degree contacts).

    Returns
    -------
    dict
        ``person_id``, ``as_of``, ``ties``, ``composition``, ``measures``
        (ego-network), ``paid_share``, ``formal_share``, ``basis``, ``reliance_coverage`` (which
        ties the share counts), ``paid_share_hours``, ``paid_share_contacts``,
        ``informal_ties``, ``planned_connections`` (``analytics.network.
        planned_connections``: proposed introductions with their plans, in no figure),
        ``record_start`` (``analytics.dates.client_start``: undated
        ties count from it), ``over_reliant``, ``single_points_of_failure``, ``uncovered_functions``,
        ``what_if`` (one entry per tie), ``isolation`` (monthly), ``isolation_direction``,
        ``isolation_signals`` (its evidence in words),
        ``triggers``, ``suggestions``, ``suggestions_none_code`` and
        ``suggestions_none_reason`` (``analytics.fit.no_fit_reason``: why nothing is
        suggested; None when something is), and ``network`` (the ``nx.Graph`` itself, for
        drawing; drop it before serialising).
    """
    limits = thresholds or Thresholds()
    ego = history.graph["ego"]
    client = dict(history.nodes[ego])
    start = client_start(client.get("start_date"),
                         first_record(ties["since"], events["date"], measures["date"]))
    history = network.dated_history(history, start)
    ties = date_undated_ties(ties, {ego: start})
    graph = network.support_network(history, as_of, radius=radius)
    direct = network.support_network(history, as_of, radius=1)
    shares = reliance.reliance(direct)
    series = isolation.isolation_series(ties, events, measures, months_ending(as_of, ISOLATION_MONTHS),
                                        as_of=as_of, people=[ego], starts={ego: start})
    # One definition of the direction for the card and the isolation_worsening trigger.
    isolation_signals = isolation.signals(series, ties, as_of=as_of)
    planned = network.planned_connections(history, as_of)
    # Assets already in use or already proposed are not suggested again.
    active_assets = [a for a in network.alters(direct)
                     if direct.nodes[a].get("node_type") == "asset"] + [p["to_id"] for p in planned]
    # Three rules read the directory: it is turned into records once, not per rule.
    directory = records(assets)
    return {
        "person_id": ego,
        "as_of": as_of,
        "record_start": start,
        "planned_connections": planned,
        "ties": network.tie_table(direct),
        "composition": network.composition(direct),
        "measures": network.ego_measures(direct),
        "paid_share": shares["paid_share"],
        "formal_share": shares["formal_share"],
        "basis": shares["basis"],
        "reliance_coverage": shares["coverage"],
        "paid_share_hours": shares["paid_share_hours"],
        "paid_share_contacts": shares["paid_share_contacts"],
        "informal_ties": shares["informal_ties"],
        "over_reliant": reliance.over_reliant(
            shares["paid_share"], shares["informal_ties"],
            paid_share_from=limits.over_reliance_paid_share,
            informal_ties_below=limits.over_reliance_informal_ties_below),
        "single_points_of_failure": resilience.single_points_of_failure(
            graph, fit.assets_serving(client, directory, list(resilience.LOOK_FOR), as_of=as_of,
                                      connected=active_assets)),
        "uncovered_functions": resilience.uncovered_functions(direct),
        "what_if": resilience.what_if_all(graph),
        "isolation": isolation.month_records(series),
        "isolation_direction": isolation_signals["direction"],
        "isolation_signals": isolation_signals,
        "triggers": triggers.review_triggers(
            events, measures, ties, series, as_of=as_of, start_date=client.get("start_date"),
            missed_in_a_row=limits.missed_in_a_row_trigger,
            review_interval_days=limits.review_interval_days,
            window_days=limits.trigger_window_days, isolation_signals=isolation_signals),
        "suggestions": fit.asset_fit(client, directory, as_of=as_of, connected=active_assets,
                                     limit=SUGGESTIONS),
        **_no_fit(fit.no_fit_reason(client, directory, as_of=as_of, connected=active_assets)),
        "network": graph,
    }


def _no_fit(found: dict[str, str] | None) -> dict[str, str | None]:
    return {"suggestions_none_code": found["code"] if found else None,
            "suggestions_none_reason": found["reason"] if found else None}
