// What the store holds for one account, for checking a load's references:
// one row per node with its label, id and parent (department parent, manager).
// params: account
// returns: kind, id, parent, is_us
MATCH (n:Department {account: $account})
OPTIONAL MATCH (n)-[:PART_OF]->(p:Department)
RETURN 'Department' AS kind, n.id AS id, p.id AS parent, null AS is_us
UNION ALL
MATCH (n:Stakeholder {account: $account})
OPTIONAL MATCH (n)-[:REPORTS_TO {dotted: false}]->(m:Stakeholder)
RETURN 'Stakeholder' AS kind, n.id AS id, m.id AS parent, null AS is_us
UNION ALL
MATCH (n:Bid {account: $account})
RETURN 'Bid' AS kind, n.id AS id, null AS parent, null AS is_us
UNION ALL
MATCH (n:Vendor)
RETURN 'Vendor' AS kind, n.id AS id, null AS parent, n.is_us AS is_us
UNION ALL
MATCH (n:TeamMember)
RETURN 'TeamMember' AS kind, n.id AS id, null AS parent, null AS is_us
