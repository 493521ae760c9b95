// Removes the department membership and formal reporting line of the listed
// stakeholders, before they are set anew from their rows. One index lookup
// per id (UNWIND), not an `IN $ids` test per edge, which is quadratic.
// params: account, ids
// returns:
UNWIND $ids AS id
MATCH (p:Stakeholder {account: $account, id: id})-[e:MEMBER_OF|REPORTS_TO]->()
WHERE type(e) = 'MEMBER_OF' OR e.dotted = false
DELETE e
