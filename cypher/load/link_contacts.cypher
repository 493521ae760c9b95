// Records touchpoints; one edge per team member, stakeholder, date and kind.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MATCH (t:TeamMember {id: r.team_member_id})
MATCH (p:Stakeholder {account: $account, id: r.stakeholder_id})
CREATE (t)-[:CONTACTED {date: r.date, kind: r.kind}]->(p)
