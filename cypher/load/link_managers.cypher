// Sets each stakeholder's formal reporting line to their manager.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (p:Stakeholder {account: $account, id: r.id})
MATCH (m:Stakeholder {account: $account, id: r.manager_id})
MERGE (p)-[:REPORTS_TO]->(m)
