// Every stakeholder of one account, departed ones included, with the
// properties stored on the person; their ties come from the flat queries
// beside this one, which FalkorDB answers many times faster than one joined query.
// mode: read
// params: account
// returns: id, name, title, email, layer, roles, influence, status, last_contact, notes, organisation
MATCH (p:Stakeholder {account: $account})
RETURN p.id AS id, p.name AS name, p.title AS title, p.email AS email, p.layer AS layer, p.roles AS roles,
       p.influence AS influence, p.status AS status, p.last_contact AS last_contact, p.notes AS notes,
       p.organisation AS organisation
