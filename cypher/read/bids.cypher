// The bids (tenders, procurements) of one account, with the size of each bid team.
// mode: read
// params: account
// returns: id, name, due, stage, team
MATCH (b:Bid {account: $account})
OPTIONAL MATCH (p:Stakeholder)-[:ON_BID_TEAM]->(b)
RETURN b.id AS id, b.name AS name, b.due AS due, b.stage AS stage, count(p) AS team
ORDER BY id
