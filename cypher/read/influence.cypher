// The informal influence edges of one account: whose opinion weighs on whom.
// mode: read
// params: account
// returns: source_id, source, target_id, target, strength, kind
MATCH (s:Stakeholder {account: $account})-[i:INFLUENCES]->(t:Stakeholder)
RETURN s.id AS source_id, s.name AS source, t.id AS target_id, t.name AS target,
       i.strength AS strength, i.kind AS kind
ORDER BY source_id, target_id
