// The bids (tenders, procurements) of one account.
// mode: read
// params: account
// returns: id, name, due, stage
// values: scalar
MATCH (b:Bid {account: $account})
RETURN b.id AS id, b.name AS name, b.due AS due, b.stage AS stage
