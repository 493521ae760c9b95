// Links departments to their parent department.
// A CREATE, not a MERGE: the load clears them first (or the account is new) and gives each key once.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (d:Department {account: $account, id: r.id})
MATCH (p:Department {account: $account, id: r.parent_id})
CREATE (d)-[:PART_OF]->(p)
