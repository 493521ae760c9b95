// Rewrites one part of one account's history (forget scrubs a person from it).
// mode: write
// params: account, number, part, rows
// returns:
MATCH (u:Undo {account: $account, number: $number, part: $part})
SET u.rows = $rows
