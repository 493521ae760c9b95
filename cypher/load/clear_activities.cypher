// Removes every organisational activity of the account.
// mode: write
// params: account
// returns:
MATCH (a:Activity {account: $account})
DELETE a
