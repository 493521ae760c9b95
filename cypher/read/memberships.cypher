// Which department each stakeholder of one account belongs to.
// params: account
// returns: id, department_id
MATCH (p:Stakeholder {account: $account})-[:MEMBER_OF]->(d:Department)
RETURN p.id AS id, d.id AS department_id
ORDER BY id, department_id
