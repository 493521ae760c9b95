// Erases the account node itself, once its members are gone.
// mode: write
// params: account
// returns:
MATCH (a:Account {id: $account})
DETACH DELETE a
