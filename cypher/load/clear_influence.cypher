// Removes every informal influence edge among the account's stakeholders.
// params: account
// returns:
MATCH (:Stakeholder {account: $account})-[e:INFLUENCES]->()
DELETE e
