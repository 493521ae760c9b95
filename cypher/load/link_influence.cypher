// Creates informal influence edges: the source's opinion weighs on the target.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (s:Stakeholder {account: $account, id: r.source_id})
MATCH (t:Stakeholder {account: $account, id: r.target_id})
MERGE (s)-[e:INFLUENCES]->(t)
SET e.strength = r.strength, e.kind = r.kind
