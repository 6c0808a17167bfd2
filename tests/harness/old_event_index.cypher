// Test harness only: the index on events' person_id that stores made before issue 16.
CREATE INDEX event_person IF NOT EXISTS FOR (n:Event) ON (n.person_id)
