// Removes every recorded touchpoint with the account's stakeholders.
// mode: write
// params: account
// returns:
MATCH ()-[e:CONTACTED]->(:Stakeholder {account: $account})
DELETE e
