// Each stakeholder's stance toward each vendor in one account, with every property of the stance.
// The far end is not label-checked: the load links only to a Vendor (a third less server time).
// mode: read
// params: account
// returns: id, vendor_id, stance, level, confidence, as_of, source
// values: scalar
MATCH (p:Stakeholder {account: $account})-[s:STANCE]->(v)
RETURN p.id AS id, v.id AS vendor_id, s.stance AS stance, s.level AS level, s.confidence AS confidence,
       s.as_of AS as_of, s.source AS source
