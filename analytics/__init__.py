"""Analytics: plain functions of NetworkX graphs and pandas frames. No I/O, no store.

Inputs come from ``graph.reads`` (which returns ``graph.frames`` frames and graphs);
thresholds come in as plain values (``analytics.thresholds.Thresholds``). Every
function's docstring states its definition and source, with a runnable example.

What is where:

``analytics.network``     support network as of a date (radius 1/2): ``support_network``,
                          ``composition``, ``ego_measures`` (size, density among supporters,
                          strong-tie share, functions covered), ``tie_table``, ``in_use``
``analytics.resilience``  single points of failure: ``single_points_of_failure``,
                          ``uncovered_functions``, ``cut_points``, ``dependents``,
                          ``what_if``
``analytics.reliance``    paid and formal share with basis: ``reliance`` (one network),
                          ``reliance_table`` (vectorised, many people and dates),
                          ``over_reliant``
``analytics.isolation``   validated measures and network indicators month by month,
                          ``at_risk`` and one direction with its words:
                          ``isolation_series``, ``direction``, ``signals``
``analytics.triggers``    review triggers with date and evidence: ``review_triggers``
``analytics.fit``         asset suggestions with reasons: ``asset_fit``
``analytics.coverage``    area aggregates, suppressed: ``suppress``, ``disclose`` (the one
                          way counts leave analytics), ``area_coverage``, ``unmet_interests``,
                          ``only_connection_assets``
``analytics.service``     caseload ranked by paid share with 3/12-month trend: ``service_view``
``analytics.person``      the whole person view in one call: ``person_view``
``analytics.thresholds``  ``Thresholds`` (plain values from ``AnalyticsSettings``)
``analytics.dates``       ISO date helpers (``valid_on``, ``months_ending``, ...)

Typical use (dashboard or CLI)::

    data = graph.reads.person_data(store, scope, person_id)
    view = analytics.person.person_view(data.history, data.ties, data.events,
                                        data.measures, data.assets, as_of=day,
                                        thresholds=Thresholds.from_values(settings.analytics))
"""
