// Who on our team owns the relationship with each stakeholder of one account, and since when.
// mode: read
// params: account
// returns: id, team_member_id, since
// values: scalar
MATCH (t:TeamMember)-[o:OWNS]->(p:Stakeholder {account: $account})
RETURN p.id AS id, t.id AS team_member_id, o.since AS since
