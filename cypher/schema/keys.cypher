// The key of every node label: an index on each, and (FalkorDB) a uniqueness
// constraint that relgraph adds with GRAPH.CONSTRAINT from these statements,
// because FalkorDB has no CREATE CONSTRAINT. Several statements, run in order.
// mode: schema
// params:
// returns:
CREATE INDEX FOR (n:Account) ON (n.id);
CREATE INDEX FOR (n:Department) ON (n.account, n.id);
CREATE INDEX FOR (n:Stakeholder) ON (n.account, n.id);
CREATE INDEX FOR (n:Bid) ON (n.account, n.id);
CREATE INDEX FOR (n:Vendor) ON (n.id);
CREATE INDEX FOR (n:TeamMember) ON (n.id);
