// The newest revision of one account and the moment it describes: a dated
// load may not come before it.
// mode: read
// params: account
// returns: number, at
MATCH (r:Revision {account: $account})
RETURN r.number AS number, r.at AS at
ORDER BY r.number DESC
LIMIT 1
