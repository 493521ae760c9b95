// Active stakeholders of one account whom nobody on our team owns.
// mode: read
// params: account
// returns: id, name, title, layer, influence
MATCH (p:Stakeholder {account: $account})
WHERE coalesce(p.status, 'active') = 'active' AND NOT (p)<-[:OWNS]-(:TeamMember)
RETURN p.id AS id, p.name AS name, p.title AS title, p.layer AS layer, p.influence AS influence
ORDER BY coalesce(p.influence, 0) DESC, id
