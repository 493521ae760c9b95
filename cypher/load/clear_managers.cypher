// Removes the formal reporting line of the listed stakeholders, before a
// file of reporting lines sets it anew (dotted lines are kept).
// params: account, ids
// returns:
UNWIND $ids AS id
MATCH (p:Stakeholder {account: $account, id: id})-[e:REPORTS_TO]->()
WHERE e.dotted = false
DELETE e
