// Records the account's next revision: the moment it describes ($at: the
// date a dated load gives, else when it was recorded), when it was recorded,
// by whom, from what, and the counts of its change report (JSON). Numbers
// run 1, 2, ... per account.
// mode: write
// params: account, at, recorded, by, source, summary
// returns:
OPTIONAL MATCH (r:Revision {account: $account})
WITH coalesce(max(r.number), 0) + 1 AS number
CREATE (:Revision {account: $account, number: number, at: $at, recorded: $recorded, by: $by, source: $source,
                   summary: $summary})
