// Puts stakeholders on a bid's procurement team, with their role for that bid.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (p:Stakeholder {account: $account, id: r.stakeholder_id})
MATCH (b:Bid {account: $account, id: r.bid_id})
MERGE (p)-[e:ON_BID_TEAM]->(b)
SET e.role = r.role
