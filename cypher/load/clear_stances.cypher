// Removes every stance of the account's stakeholders toward any vendor.
// mode: write
// params: account
// returns:
MATCH (:Stakeholder {account: $account})-[e:STANCE]->()
DELETE e
