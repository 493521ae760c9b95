// The procurement steps of one account's bids, and whether we took part in each.
// mode: read
// params: account
// returns: bid_id, step, took_part, date
MATCH (s:ProcurementStep {account: $account})
RETURN s.bid_id AS bid_id, s.step AS step, s.took_part AS took_part, s.date AS date
