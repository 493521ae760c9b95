// Creates or updates departments of one account.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MERGE (d:Department {account: $account, id: r.id})
SET d.name = r.name, d.function = r.function
