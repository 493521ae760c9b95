// Records which team member owns the relationship with each stakeholder.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (t:TeamMember {id: r.team_member_id})
MATCH (p:Stakeholder {account: $account, id: r.stakeholder_id})
MERGE (t)-[e:OWNS]->(p)
SET e.since = r.since
