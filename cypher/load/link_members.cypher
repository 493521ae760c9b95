// Puts stakeholders into their department.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (p:Stakeholder {account: $account, id: r.id})
MATCH (d:Department {account: $account, id: r.department_id})
MERGE (p)-[:MEMBER_OF]->(d)
