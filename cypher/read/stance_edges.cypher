// Each stakeholder's stance toward each vendor in one account, one row per pair.
// params: account
// returns: id, vendor_id, stance, level
MATCH (p:Stakeholder {account: $account})-[st:STANCE]->(v:Vendor)
RETURN p.id AS id, v.id AS vendor_id, st.stance AS stance, st.level AS level
ORDER BY id, vendor_id
