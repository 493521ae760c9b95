// Creates or updates members of our own account team (shared by all accounts).
// mode: write
// params: rows
// returns:
UNWIND $rows AS r
MERGE (t:TeamMember {id: r.id})
SET t.name = coalesce(r.name, t.name, r.id)
