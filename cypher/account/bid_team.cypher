// The members of every bid team of one account, each with the role on that bid.
// mode: read
// params: account
// returns: bid_id, id, role
// values: scalar
MATCH (p:Stakeholder {account: $account})-[t:ON_BID_TEAM]->(b:Bid {account: $account})
RETURN b.id AS bid_id, p.id AS id, t.role AS role
