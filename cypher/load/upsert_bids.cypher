// Creates or updates the account's bids (procurements, tenders).
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MERGE (b:Bid {account: $account, id: r.id})
SET b.name = r.name, b.due = r.due, b.stage = r.stage
