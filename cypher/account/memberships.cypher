// The department of each stakeholder of one account.
// The far end is not label-checked: the load links only to a Department (a third less server time).
// mode: read
// params: account
// returns: id, department_id
// values: scalar
MATCH (p:Stakeholder {account: $account})-[:MEMBER_OF]->(d)
RETURN p.id AS id, d.id AS department_id
