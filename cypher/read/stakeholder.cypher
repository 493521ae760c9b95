// One stakeholder with department, manager, direct reports, influence in and
// out, stance toward every vendor, owners and touchpoints. Each comprehension
// has its own variable names: FalkorDB lets a name leak between comprehensions.
// mode: read
// params: account, stakeholder
// returns: id, name, title, email, layer, roles, influence, status, last_contact, notes, organisation, department_id, department, manager_id, manager, reports, influenced_by, influences, stances, owners, touchpoints
MATCH (p:Stakeholder {account: $account, id: $stakeholder})
OPTIONAL MATCH (p)-[:MEMBER_OF]->(d:Department)
OPTIONAL MATCH (p)-[:REPORTS_TO]->(m:Stakeholder)
RETURN p.id AS id, p.name AS name, p.title AS title, p.email AS email, p.layer AS layer, p.roles AS roles,
       p.influence AS influence, p.status AS status, p.last_contact AS last_contact, p.notes AS notes,
       p.organisation AS organisation, d.id AS department_id, d.name AS department, m.id AS manager_id, m.name AS manager,
       [(r:Stakeholder)-[:REPORTS_TO]->(p) | {id: r.id, name: r.name, title: r.title}] AS reports,
       [(src:Stakeholder)-[i:INFLUENCES]->(p) | {id: src.id, name: src.name, strength: i.strength, kind: i.kind}] AS influenced_by,
       [(p)-[out:INFLUENCES]->(tgt:Stakeholder) | {id: tgt.id, name: tgt.name, strength: out.strength, kind: out.kind}] AS influences,
       [(p)-[st:STANCE]->(v:Vendor) | {vendor_id: v.id, vendor: v.name, is_us: v.is_us, stance: st.stance, level: st.level, confidence: st.confidence, as_of: st.as_of, source: st.source}] AS stances,
       [(own:TeamMember)-[o:OWNS]->(p) | {id: own.id, name: own.name, since: o.since}] AS owners,
       [(tm:TeamMember)-[c:CONTACTED]->(p) | {date: c.date, kind: c.kind, team_member_id: tm.id, team_member: tm.name}] AS touchpoints
