// Removes every informal influence edge among the account's stakeholders.
// mode: write
// params: account
// returns:
MATCH (:Stakeholder {account: $account})-[e:INFLUENCES]->()
DELETE e
