// Links departments to their parent department.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (d:Department {account: $account, id: r.id})
MATCH (p:Department {account: $account, id: r.parent_id})
MERGE (d)-[:PART_OF]->(p)
