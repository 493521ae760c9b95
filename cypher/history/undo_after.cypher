// The stored parts of one account's history of the revisions after $after:
// what undoing them back to revision $after takes.
// mode: read
// params: account, after
// returns: number, part, rows
MATCH (u:Undo {account: $account})
WHERE u.number > $after
RETURN u.number AS number, u.part AS part, u.rows AS rows
