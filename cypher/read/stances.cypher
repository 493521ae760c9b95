// The positioning table of one account: each stakeholder's stance toward each vendor.
// mode: read
// params: account
// returns: stakeholder_id, stakeholder, vendor_id, vendor, is_us, stance, level, confidence, as_of
MATCH (p:Stakeholder {account: $account})-[s:STANCE]->(v:Vendor)
RETURN p.id AS stakeholder_id, p.name AS stakeholder, v.id AS vendor_id, v.name AS vendor,
       v.is_us AS is_us, s.stance AS stance, s.level AS level, s.confidence AS confidence, s.as_of AS as_of
ORDER BY stakeholder_id, vendor_id
