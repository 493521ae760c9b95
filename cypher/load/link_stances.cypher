// Records each stakeholder's stance toward a vendor (and our level, for us).
// A CREATE, not a MERGE: the load clears them first (or the account is new) and gives each key once.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (p:Stakeholder {account: $account, id: r.stakeholder_id})
MATCH (v:Vendor {id: r.vendor_id})
CREATE (p)-[:STANCE {stance: r.stance, level: r.level, confidence: r.confidence, as_of: r.as_of,
                     source: r.source}]->(v)
