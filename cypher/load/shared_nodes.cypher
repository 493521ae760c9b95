// The nodes shared by every account, vendors and our team members, with
// their properties: what a load of vendors.csv or team.csv is compared with.
// mode: read
// params:
// returns: label, id, properties
MATCH (v:Vendor)
RETURN 'Vendor' AS label, v.id AS id, properties(v) AS properties
UNION ALL
MATCH (t:TeamMember)
RETURN 'TeamMember' AS label, t.id AS id, properties(t) AS properties
