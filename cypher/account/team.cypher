// The members of our team who own or have contacted someone in one account, or took part in one of its
// organisational activities.
// mode: read
// params: account
// returns: id, name
// values: scalar
MATCH (t:TeamMember)
WHERE (t)-[:OWNS|CONTACTED]->(:Stakeholder {account: $account})
RETURN t.id AS id, t.name AS name
UNION
MATCH (a:Activity {account: $account})
UNWIND a.team_member_ids AS member
MATCH (t:TeamMember {id: member})
RETURN t.id AS id, t.name AS name
