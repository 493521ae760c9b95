// The formal reporting lines of one account: who reports to whom.
// params: account
// returns: id, manager_id, dotted
MATCH (p:Stakeholder {account: $account})-[r:REPORTS_TO]->(m:Stakeholder)
RETURN p.id AS id, m.id AS manager_id, coalesce(r.dotted, false) AS dotted
ORDER BY id, manager_id
