// Every revision of one account (`recorded` is absent from revisions made
// before dated loads existed: their `at` is when they were recorded).
// mode: read
// params: account
// returns: number, at, recorded, by, source, summary
MATCH (r:Revision {account: $account})
RETURN r.number AS number, r.at AS at, coalesce(r.recorded, r.at) AS recorded, r.by AS by, r.source AS source,
       r.summary AS summary
