// Removes the reporting line of the listed stakeholders, before a file of
// reporting lines sets it anew.
// mode: write
// params: account, ids
// returns:
UNWIND $ids AS id
MATCH (p:Stakeholder {account: $account, id: id})-[e:REPORTS_TO]->()
DELETE e
