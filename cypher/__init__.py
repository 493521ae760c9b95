"""The Cypher statements of relgraph, shipped as package data; see relgraph.queries."""
