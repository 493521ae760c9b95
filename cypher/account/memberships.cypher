// The department of each stakeholder of one account.
// mode: read
// params: account
// returns: id, department_id
MATCH (p:Stakeholder {account: $account})-[:MEMBER_OF]->(d:Department)
RETURN p.id AS id, d.id AS department_id
