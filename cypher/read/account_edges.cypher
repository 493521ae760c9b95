// Every relationship of one account, with its properties: those that start at
// its stakeholders or departments, and our team's ties to its stakeholders.
// mode: read
// params: account
// returns: type, source, target, properties
MATCH (a:Stakeholder {account: $account})-[e]->(b)
RETURN type(e) AS type, a.id AS source, b.id AS target, properties(e) AS properties
UNION ALL
MATCH (a:Department {account: $account})-[e]->(b)
RETURN type(e) AS type, a.id AS source, b.id AS target, properties(e) AS properties
UNION ALL
MATCH (t:TeamMember)-[e]->(p:Stakeholder {account: $account})
RETURN type(e) AS type, t.id AS source, p.id AS target, properties(e) AS properties
