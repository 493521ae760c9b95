// Creates the bids of an account the store does not hold yet (see create_stakeholders).
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
CREATE (:Bid {account: $account, id: r.id, name: r.name, due: r.due, stage: r.stage})
