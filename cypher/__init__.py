"""Named Cypher queries, one per ``.cypher`` file; loaded by ``graph.catalogue``."""
