// Sets each stakeholder's formal reporting line to their manager.
// A CREATE, not a MERGE: the load clears them first (or the account is new) and gives each key once.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (p:Stakeholder {account: $account, id: r.id})
MATCH (m:Stakeholder {account: $account, id: r.manager_id})
CREATE (p)-[:REPORTS_TO]->(m)
