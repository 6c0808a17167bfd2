// Schema for the embedded FalkorDB store: exact-match indexes.
// Every key of graph.model.NODE_KEYS is indexed here; the store then adds a
// unique constraint on it (FalkorDB creates constraints with GRAPH.CONSTRAINT,
// not Cypher, and requires this index first).
CREATE INDEX FOR (n:Person) ON (n.id);
CREATE INDEX FOR (n:Client) ON (n.id, n.service, n.practitioner, n.area);
CREATE INDEX FOR (n:Asset) ON (n.id, n.area);
CREATE INDEX FOR (n:Service) ON (n.id);
CREATE INDEX FOR (n:Area) ON (n.code);
CREATE INDEX FOR (n:Event) ON (n.id, n.person_id);
CREATE INDEX FOR (n:Measure) ON (n.id, n.person_id);
CREATE INDEX FOR (n:ImportRun) ON (n.id);
CREATE INDEX FOR (n:AuditEntry) ON (n.id)
