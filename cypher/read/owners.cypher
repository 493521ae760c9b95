// Who on our team owns the relationship with each stakeholder of one account.
// mode: read
// params: account
// returns: id, owner_id, owner
MATCH (t:TeamMember)-[:OWNS]->(p:Stakeholder {account: $account})
RETURN p.id AS id, t.id AS owner_id, t.name AS owner
ORDER BY id, owner_id
