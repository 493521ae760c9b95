// Puts stakeholders on a bid's procurement team, with their role for that bid.
// A CREATE, not a MERGE: the load clears them first (or the account is new) and gives each key once.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (p:Stakeholder {account: $account, id: r.stakeholder_id})
MATCH (b:Bid {account: $account, id: r.bid_id})
CREATE (p)-[:ON_BID_TEAM {role: r.role}]->(b)
