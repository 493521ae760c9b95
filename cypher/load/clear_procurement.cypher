// Removes every recorded procurement step of the account's bids.
// mode: write
// params: account
// returns:
MATCH (s:ProcurementStep {account: $account})
DELETE s
