// Every stakeholder of one account with the properties the analyses weigh;
// departments, managers, stances, owners and touchpoints come from their own
// flat queries, which FalkorDB answers many times faster than one joined query.
// params: account
// returns: id, name, title, layer, roles, influence, status, last_contact
MATCH (p:Stakeholder {account: $account})
RETURN p.id AS id, p.name AS name, p.title AS title, p.layer AS layer, p.roles AS roles,
       p.influence AS influence, p.status AS status, p.last_contact AS last_contact
ORDER BY id
