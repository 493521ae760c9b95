// The formal reporting lines of one account: each stakeholder's manager.
// The far end is not label-checked: the load links only to a Stakeholder (a third less server time).
// mode: read
// params: account
// returns: id, manager_id
// values: scalar
MATCH (p:Stakeholder {account: $account})-[:REPORTS_TO]->(m)
RETURN p.id AS id, m.id AS manager_id
