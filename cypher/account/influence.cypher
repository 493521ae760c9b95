// The informal influence ties of one account: whose opinion weighs on whom.
// The far end is not label-checked: the load links only to a Stakeholder (a third less server time).
// mode: read
// params: account
// returns: source_id, target_id, strength, kind
// values: scalar
MATCH (s:Stakeholder {account: $account})-[i:INFLUENCES]->(t)
RETURN s.id AS source_id, t.id AS target_id, i.strength AS strength, i.kind AS kind
