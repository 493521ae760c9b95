// The parts of one account's history whose text holds $text (a person's id, as JSON): what forget scrubs.
// mode: read
// params: account, text
// returns: number, part, rows
MATCH (u:Undo {account: $account})
WHERE u.rows CONTAINS $text
RETURN u.number AS number, u.part AS part, u.rows AS rows
