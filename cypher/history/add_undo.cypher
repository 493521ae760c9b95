// Records one part of the newest revision's rows as they were before it
// (JSON: [kind, key, row or null] each).
// mode: write
// params: account, part, rows
// returns:
MATCH (r:Revision {account: $account})
WITH max(r.number) AS number
CREATE (:Undo {account: $account, number: number, part: $part, rows: $rows})
