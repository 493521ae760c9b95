// The departments of one account, each with its parent department.
// mode: read
// params: account
// returns: id, name, function, parent_id
// values: scalar
MATCH (d:Department {account: $account})
OPTIONAL MATCH (d)-[:PART_OF]->(parent:Department)
RETURN d.id AS id, d.name AS name, d.function AS function, parent.id AS parent_id
