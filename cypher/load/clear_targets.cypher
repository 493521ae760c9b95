// Removes every target of the account's relationship plan.
// mode: write
// params: account
// returns:
MATCH (t:Target {account: $account})
DELETE t
