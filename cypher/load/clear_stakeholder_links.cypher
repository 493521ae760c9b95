// Removes the department membership and formal reporting line of the listed
// stakeholders, before they are set anew from their rows.
// params: account, ids
// returns:
MATCH (p:Stakeholder {account: $account})-[e:MEMBER_OF|REPORTS_TO]->()
WHERE p.id IN $ids AND (type(e) = 'MEMBER_OF' OR e.dotted = false)
DELETE e
