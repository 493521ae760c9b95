// The members of our team who own or have contacted someone in one account.
// mode: read
// params: account
// returns: id, name
MATCH (t:TeamMember)
WHERE (t)-[:OWNS|CONTACTED]->(:Stakeholder {account: $account})
RETURN t.id AS id, t.name AS name
