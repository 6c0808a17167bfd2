"""The views, each composed once: read through ``graph.reads`` (scoped), compute through
``analytics``, return one frozen result. The command line, the pages, the HTML report
and the benchmark all call these, so they show the same numbers.

``person``   one client: ``PersonView`` (the record and every figure of the page)
``service``  one service's caseload: ``ServiceView`` (ranked by paid share, trends,
             flags, a monthly paid-share sparkline per client)
``service_isolation``  the monthly isolation series of every client of a service
``area``     coverage for commissioners: ``AreaView``, every count of people already
             through ``analytics.coverage.disclose``
``directory``  the approved asset directory, each asset with its review status
``audit``    the newest audit entries the viewer may see
``report``   lives in ``assetmap.report`` (it renders HTML) and calls ``person``

Each returns None when the scope may not see the subject (or there is no scope), so a
caller cannot tell "not yours" from "not there".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.coverage import (
    area_coverage,
    directory_health,
    only_connection_assets,
    unmet_interests,
    unmet_needs,
)
from analytics.dates import (
    add_months,
    date_undated_ties,
    month_end,
    months_ending,
)
from analytics.fit import FUNNEL_CODES, fit_rules
from analytics.isolation import COUNTED_EVENT_KINDS, MEASURE_CARRY_MONTHS, isolation_series
from analytics.person import ISOLATION_MONTHS, person_view
from analytics.person_review import changes_since_review
from analytics.reliance import reliance_table
from analytics.review import review_status
from analytics.service import (
    LONGEST_TREND_MONTHS,
    record_starts,
    service_trend,
    service_view,
)
from analytics.thresholds import Thresholds
from assetmap.person_rows import PersonRecord
from assetmap.settings import AnalyticsSettings
from graph import dashboard_reads, reads
from graph.scope import Scope
from graph.store import GraphStore, Row

__all__ = ["CASELOAD_COLUMNS", "SPARKLINE_MONTHS", "SUPPRESSION_NOTE", "AreaView",
           "AuditView", "DirectoryView", "PersonView", "ServiceView", "area", "audit",
           "directory", "person", "person_figures", "review_changes", "service", "service_isolation"]

SUPPRESSION_NOTE = ("counts 1-7 shown as *, others rounded to the nearest 5; "
                    "c: a total withheld so that it cannot give a small count away")

#: Months of history in each client's paid-share sparkline.
SPARKLINE_MONTHS = 12

CASELOAD_COLUMNS = {
    "person_id": "Id", "display_name": "Name", "practitioner": "Practitioner",
    "paid_share": "Paid share", "sparkline": "Paid share, last 12 months",
    "trend_3m": "Change over 3 months", "trend_3m_label": "3-month trend",
    "trend_12m": "Change over 12 months", "formal_share": "Formal share",
    "informal_ties": "Informal ties", "over_reliant": "Over-reliant",
    "last_review": "Last review", "review_overdue": "Review overdue",
}


# -- person -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonView:
    """One client as the viewer may see them, as of a date.

    ``record`` is what the store holds; ``figures`` is ``analytics.person.person_view``'s
    answer (its keys are documented there; ``figures["network"]`` is the NetworkX graph
    the map draws).
    """

    record: PersonRecord
    figures: dict[str, Any]

    @property
    def as_of(self) -> str:
        return str(self.figures["as_of"])


def person_figures(record: PersonRecord, *, as_of: str, limits: AnalyticsSettings
                   ) -> PersonView:
    """The figures of an already read record (the page re-computes on a new date
    without reading again)."""
    data = record.data
    figures = person_view(data.history, data.ties, data.events, data.measures, data.assets,
                          as_of=as_of, thresholds=Thresholds.from_values(limits))
    return PersonView(record=record, figures=figures)


def person(store: GraphStore, scope: Scope | None, person_id: str, *, as_of: str,
           limits: AnalyticsSettings) -> PersonView | None:
    """Read client ``person_id`` (if ``scope`` may see them) and compute every figure."""
    data = reads.person_data(store, scope, person_id)
    if data is None:
        return None
    return person_figures(PersonRecord(data=data), as_of=as_of, limits=limits)


def review_changes(view: PersonView) -> dict[str, Any]:
    """What changed since the client's last review, on the view's date
    (``analytics.person_review.changes_since_review``, with the view's triggers)."""
    data = view.record.data
    return changes_since_review(data.ties, data.events, data.measures,
                                list(view.figures["triggers"]), as_of=view.as_of)


# -- service ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ServiceView:
    """One service's caseload as of a date, most paid-reliant first, and the service's
    month-by-month trend (``analytics.service.service_trend``) over the last 12 months."""

    service_id: str
    as_of: str
    caseload: pd.DataFrame  # CASELOAD_COLUMNS, plus basis and the counts behind the shares
    trend: pd.DataFrame  # analytics.service.TREND_COLUMNS, one row per month end


def service(store: GraphStore, scope: Scope | None, service_id: str, *, as_of: str,
            limits: AnalyticsSettings) -> ServiceView | None:
    """Read the service's clients and their ties of the last ``LONGEST_TREND_MONTHS``
    (older ended ties cannot count in any figure shown) and rank the caseload."""
    data = reads.service_data(store, scope, service_id,
                              ended_after=add_months(as_of, -LONGEST_TREND_MONTHS))
    if data is None or data.clients.empty:
        return None
    table = service_view(data.clients, data.ties, as_of=as_of,
                         paid_share_from=limits.over_reliance_paid_share,
                         informal_ties_below=limits.over_reliance_informal_ties_below,
                         review_interval_days=limits.review_interval_days)
    dates = [*(month_end(m) for m in months_ending(as_of, SPARKLINE_MONTHS)[:-1]), as_of]
    monthly = reliance_table(date_undated_ties(data.ties, record_starts(data.clients)), dates)
    lines = _sparklines(monthly, dates)
    table["sparkline"] = [lines.get(pid, []) for pid in table["person_id"]]
    ordered = [*CASELOAD_COLUMNS, *(c for c in table.columns if c not in CASELOAD_COLUMNS)]
    trend = service_trend(monthly, dates, paid_share_from=limits.over_reliance_paid_share,
                          informal_ties_below=limits.over_reliance_informal_ties_below)
    return ServiceView(service_id=service_id, as_of=as_of, caseload=table[ordered], trend=trend)


def _sparklines(monthly: pd.DataFrame, dates: list[str]) -> dict[str, list[float]]:
    """Each client's paid share at each month end (the last point is ``as_of``)."""
    shares = monthly.pivot_table(index="person_id", columns="as_of", values="paid_share",
                                 aggfunc="first").reindex(columns=dates)
    # One array pass, not a Series per client (iterrows was a fifth of the view's Python).
    values = shares.to_numpy(dtype="float64")
    points = np.where(np.isnan(values), 0.0, values).tolist()
    return dict(zip(shares.index, points, strict=True))


def service_isolation(store: GraphStore, scope: Scope | None, service_id: str, *,
                      as_of: str) -> pd.DataFrame:
    """The monthly isolation series (``analytics.isolation.isolation_series``) of every
    client of a service, over the ``ISOLATION_MONTHS`` months ending ``as_of``."""
    months = months_ending(as_of, ISOLATION_MONTHS)
    # Older measures cannot reach the series (a score is carried MEASURE_CARRY_MONTHS).
    # Events come counted by month and kind, up to as_of: all the series counts of them.
    history = reads.service_history(
        store, scope, service_id, since=f"{months[0]}-01",
        measures_since=add_months(f"{months[0]}-01", -MEASURE_CARRY_MONTHS),
        counted_kinds=[kind.value for kind in COUNTED_EVENT_KINDS], until=as_of)
    if history is None:
        return pd.DataFrame()
    starts = record_starts(history.clients)
    return isolation_series(date_undated_ties(history.ties, starts), history.events,
                            history.measures, months, as_of=as_of, starts=starts)


# -- area ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class AreaView:
    """Area coverage as a commissioner sees it: aggregates only, small numbers suppressed."""

    area: str  # "" for every area
    as_of: str
    coverage: pd.DataFrame
    unmet_interests: pd.DataFrame
    unmet_needs: pd.DataFrame  # clients no asset fits, per area and reason
    only_connection_assets: pd.DataFrame
    directory_health: pd.DataFrame
    assets_listed: int  # assets in the directory, approved or not (counts of assets are not suppressed)
    min_clients: int  # the only-connection threshold the table was made with


def area(store: GraphStore, scope: Scope | None, area_code: str, *, as_of: str,
         limits: AnalyticsSettings) -> AreaView | None:
    """Coverage per area and category, unmet interests and only-connection assets."""
    data = reads.area_data(store, scope, area_code, as_of=as_of, no_fit_rules=lambda assets: {
        "rules": fit_rules(assets, as_of=as_of), "codes": list(FUNNEL_CODES)})
    if data is None:
        return None
    return AreaView(
        area=area_code, as_of=as_of,
        coverage=area_coverage(data.assets, data.connection_groups, as_of=as_of),
        unmet_interests=unmet_interests(data.assets, data.interest_counts, as_of=as_of),
        unmet_needs=unmet_needs(data.no_fit_counts),
        only_connection_assets=only_connection_assets(
            data.connection_groups, data.assets, min_clients=limits.only_connection_min_clients),
        directory_health=directory_health(data.assets, as_of=as_of),
        assets_listed=len(data.assets), min_clients=limits.only_connection_min_clients)


# -- directory ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DirectoryView:
    """The asset directory on a date: each row is an asset with ``review`` set to its
    ``analytics.review.review_status`` label."""

    as_of: str
    assets: tuple[Row, ...]


def directory(store: GraphStore, scope: Scope | None, *, as_of: str,
              approved_only: bool = True) -> DirectoryView | None:
    """The directory as any signed-in role may see it (no person-level data)."""
    if scope is None:
        return None
    rows = dashboard_reads.asset_directory(store, scope, approved_only=approved_only)
    return DirectoryView(as_of=as_of, assets=tuple(
        {**row, "review": review_status(row.get("review_due"), as_of).value} for row in rows))


# -- audit --------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditView:
    """The newest audit entries the viewer may see, newest first."""

    limit: int
    entries: tuple[Row, ...]


def audit(store: GraphStore, scope: Scope | None, *,
          limit: int = dashboard_reads.AUDIT_VIEW_LIMIT) -> AuditView | None:
    """Entries about people in the viewer's scope, and imports for service leads; None
    for a viewer who may not read the log (no scope, or a commissioner)."""
    if scope is None or not scope.sees_people:
        return None
    return AuditView(limit=limit, entries=tuple(
        dashboard_reads.audit_entries(store, scope, limit=limit)))
