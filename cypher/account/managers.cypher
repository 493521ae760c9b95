// The formal reporting lines of one account: each stakeholder's manager.
// mode: read
// params: account
// returns: id, manager_id
MATCH (p:Stakeholder {account: $account})-[:REPORTS_TO]->(m:Stakeholder)
RETURN p.id AS id, m.id AS manager_id
