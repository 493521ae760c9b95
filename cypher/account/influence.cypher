// The informal influence ties of one account: whose opinion weighs on whom.
// mode: read
// params: account
// returns: source_id, target_id, strength, kind
MATCH (s:Stakeholder {account: $account})-[i:INFLUENCES]->(t:Stakeholder)
RETURN s.id AS source_id, t.id AS target_id, i.strength AS strength, i.kind AS kind
