// Puts stakeholders into their department.
// A CREATE, not a MERGE: the load clears them first (or the account is new) and gives each key once.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (p:Stakeholder {account: $account, id: r.id})
MATCH (d:Department {account: $account, id: r.department_id})
CREATE (p)-[:MEMBER_OF]->(d)
