// Creates or updates the account; a missing name or tier keeps the stored one.
// mode: write
// params: account, name, tier
// returns:
MERGE (a:Account {id: $account})
SET a.name = coalesce($name, a.name, $account), a.tier = coalesce($tier, a.tier)
