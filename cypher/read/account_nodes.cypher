// Every node of one account (the account, its departments, stakeholders and
// bids) with all its properties, and the vendors and team members it touches.
// mode: read
// params: account
// returns: label, id, properties
MATCH (n:Account {id: $account})
RETURN 'Account' AS label, n.id AS id, properties(n) AS properties
UNION ALL
MATCH (n:Department {account: $account})
RETURN 'Department' AS label, n.id AS id, properties(n) AS properties
UNION ALL
MATCH (n:Stakeholder {account: $account})
RETURN 'Stakeholder' AS label, n.id AS id, properties(n) AS properties
UNION ALL
MATCH (n:Bid {account: $account})
RETURN 'Bid' AS label, n.id AS id, properties(n) AS properties
UNION ALL
MATCH (v:Vendor)
WHERE (:Stakeholder {account: $account})-[:STANCE]->(v)
RETURN 'Vendor' AS label, v.id AS id, properties(v) AS properties
UNION ALL
MATCH (t:TeamMember)
WHERE (t)-[:OWNS|CONTACTED]->(:Stakeholder {account: $account})
RETURN 'TeamMember' AS label, t.id AS id, properties(t) AS properties
