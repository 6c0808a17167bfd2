// Schema for Neo4j 5: a uniqueness constraint (which brings its own index) on
// every key of graph.model.NODE_KEYS, and indexes for caseload scoping.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT asset_id IF NOT EXISTS FOR (n:Asset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT service_id IF NOT EXISTS FOR (n:Service) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT area_code IF NOT EXISTS FOR (n:Area) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (n:ImportRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT interview_id IF NOT EXISTS FOR (n:Interview) REQUIRE n.id IS UNIQUE;
CREATE INDEX client_id IF NOT EXISTS FOR (n:Client) ON (n.id);
CREATE INDEX client_service IF NOT EXISTS FOR (n:Client) ON (n.service);
CREATE INDEX client_practitioner IF NOT EXISTS FOR (n:Client) ON (n.practitioner);
CREATE INDEX client_area IF NOT EXISTS FOR (n:Client) ON (n.area);
CREATE INDEX asset_area IF NOT EXISTS FOR (n:Asset) ON (n.area);
// Events and measures are found from their person (HAS_EVENT, HAS_MEASURE), never by a
// person_id of their own: they no longer carry one (issue 16: the store's size), so the
// indexes that stores made before then hold are dropped.
DROP INDEX event_person IF EXISTS;
DROP INDEX measure_person IF EXISTS;
CREATE INDEX audit_entry_person IF NOT EXISTS FOR (n:AuditEntry) ON (n.person_id)
