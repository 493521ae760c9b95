// Creates informal influence edges: the source's opinion weighs on the target.
// A CREATE, not a MERGE: the load clears them first (or the account is new) and gives each key once.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (s:Stakeholder {account: $account, id: r.source_id})
MATCH (t:Stakeholder {account: $account, id: r.target_id})
CREATE (s)-[:INFLUENCES {strength: r.strength, kind: r.kind}]->(t)
