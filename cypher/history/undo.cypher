// Every stored part of one account's history: the rows each revision changed, as they were before it.
// mode: read
// params: account
// returns: number, part, rows
MATCH (u:Undo {account: $account})
RETURN u.number AS number, u.part AS part, u.rows AS rows
