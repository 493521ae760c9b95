// Records each stakeholder's stance toward a vendor (and our level, for us).
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (p:Stakeholder {account: $account, id: r.stakeholder_id})
MATCH (v:Vendor {id: r.vendor_id})
MERGE (p)-[e:STANCE]->(v)
SET e.stance = r.stance, e.level = r.level, e.confidence = r.confidence,
    e.as_of = r.as_of, e.source = r.source
