// The account node itself (no row when the store holds no such account).
// mode: read
// params: account
// returns: id, name, tier
// values: scalar
MATCH (a:Account {id: $account})
RETURN a.id AS id, a.name AS name, a.tier AS tier
