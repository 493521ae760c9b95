// Records the procurement steps of the account's bids, and whether we took part in each.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
CREATE (s:ProcurementStep {account: $account})
SET s.bid_id = r.bid_id, s.step = r.step, s.took_part = r.took_part, s.date = r.date
