// Removes the department membership and reporting line of the listed
// stakeholders, before they are set anew from their rows. One index lookup
// per id (UNWIND), not an `IN $ids` test per edge, which is quadratic.
// mode: write
// params: account, ids
// returns:
UNWIND $ids AS id
MATCH (p:Stakeholder {account: $account, id: id})-[e:MEMBER_OF|REPORTS_TO]->()
DELETE e
