// Records the account's next revision: when, by whom, from what, and the
// counts of its change report (JSON). Numbers run 1, 2, ... per account.
// mode: write
// params: account, at, by, source, summary
// returns:
OPTIONAL MATCH (r:Revision {account: $account})
WITH coalesce(max(r.number), 0) + 1 AS number
CREATE (:Revision {account: $account, number: number, at: $at, by: $by, source: $source, summary: $summary})
