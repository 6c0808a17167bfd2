// Test harness only: one row holding every kind of value a query may return (a node,
// a relationship, a path, a date, lists and maps of them and of scalars), for the
// store's row conversion (graph.neo4j_store.plain_row).
CREATE p = (a:RowProbe {name: 'a', tags: ['x', 'y']})-[r:PROBES {weight: 2}]->(b:RowProbe {name: 'b'})
RETURN a AS node, r AS relationship, p AS path, date('2026-01-31') AS day,
       [a, b] AS nodes, {first: a, day: date('2026-02-01')} AS node_map,
       [[1, 2.5], ['x', null]] AS nested, {k: [true, false], n: null} AS plain_map,
       'text' AS text, 7 AS number, null AS nothing
