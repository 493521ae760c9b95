// Every revision of one account.
// mode: read
// params: account
// returns: number, at, by, source, summary
MATCH (r:Revision {account: $account})
RETURN r.number AS number, r.at AS at, r.by AS by, r.source AS source, r.summary AS summary
