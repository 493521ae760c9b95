// Neo4j dialect of keys.cypher: a uniqueness constraint per label (which
// brings its own index), created only if missing so that it runs on every open.
// mode: schema
// params:
// returns:
CREATE CONSTRAINT relgraph_account_key IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT relgraph_department_key IF NOT EXISTS FOR (n:Department) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT relgraph_stakeholder_key IF NOT EXISTS FOR (n:Stakeholder) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT relgraph_bid_key IF NOT EXISTS FOR (n:Bid) REQUIRE (n.account, n.id) IS UNIQUE;
CREATE CONSTRAINT relgraph_vendor_key IF NOT EXISTS FOR (n:Vendor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT relgraph_team_member_key IF NOT EXISTS FOR (n:TeamMember) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT relgraph_write_lock_key IF NOT EXISTS FOR (n:RelgraphWriteLock) REQUIRE n.id IS UNIQUE;
