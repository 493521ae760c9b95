// The stakeholders of one account with department, manager and our stance.
// mode: read
// params: account
// returns: id, name, title, department, layer, roles, influence, manager_id, status, our_stance, our_level
MATCH (p:Stakeholder {account: $account})
OPTIONAL MATCH (p)-[:MEMBER_OF]->(d:Department)
OPTIONAL MATCH (p)-[:REPORTS_TO]->(m:Stakeholder)
OPTIONAL MATCH (p)-[s:STANCE]->(:Vendor {is_us: true})
RETURN p.id AS id, p.name AS name, p.title AS title, d.name AS department, p.layer AS layer,
       p.roles AS roles, p.influence AS influence, m.id AS manager_id, p.status AS status,
       s.stance AS our_stance, s.level AS our_level
ORDER BY id
