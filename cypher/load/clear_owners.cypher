// Removes every ownership of the account's stakeholders by our team.
// mode: write
// params: account
// returns:
MATCH ()-[e:OWNS]->(:Stakeholder {account: $account})
DELETE e
