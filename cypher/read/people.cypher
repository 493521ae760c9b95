// Every stakeholder of one account with what the analyses weigh: department,
// manager, our stance and level, each competitor's stance, owners, touchpoints.
// params: account
// returns: id, name, title, layer, roles, influence, status, last_contact, department_id, department, department_function, manager_id, owners, touch_dates, stances
MATCH (p:Stakeholder {account: $account})
OPTIONAL MATCH (p)-[:MEMBER_OF]->(d:Department)
OPTIONAL MATCH (p)-[:REPORTS_TO {dotted: false}]->(m:Stakeholder)
RETURN p.id AS id, p.name AS name, p.title AS title, p.layer AS layer, p.roles AS roles,
       p.influence AS influence, p.status AS status, p.last_contact AS last_contact,
       d.id AS department_id, d.name AS department, d.function AS department_function,
       m.id AS manager_id,
       [(own:TeamMember)-[:OWNS]->(p) | own.name] AS owners,
       [(tm:TeamMember)-[c:CONTACTED]->(p) | c.date] AS touch_dates,
       [(p)-[st:STANCE]->(v:Vendor) | {vendor_id: v.id, stance: st.stance, level: st.level}] AS stances
ORDER BY id
