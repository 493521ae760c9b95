// Every touchpoint of our team with a stakeholder of one account.
// mode: read
// params: account
// returns: id, team_member_id, date, kind
// values: scalar
MATCH (t:TeamMember)-[c:CONTACTED]->(p:Stakeholder {account: $account})
RETURN p.id AS id, t.id AS team_member_id, c.date AS date, c.kind AS kind
