// Records which team member owns the relationship with each stakeholder.
// A CREATE, not a MERGE: the load clears them first (or the account is new) and gives each key once.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (t:TeamMember {id: r.team_member_id})
MATCH (p:Stakeholder {account: $account, id: r.stakeholder_id})
CREATE (t)-[:OWNS {since: r.since}]->(p)
