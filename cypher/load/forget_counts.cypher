// What erasing one stakeholder removes: their relationships by type and
// direction (a person with none still gives one row, with a null type).
// params: account, stakeholder
// returns: name, type, direction, edges
MATCH (p:Stakeholder {account: $account, id: $stakeholder})
OPTIONAL MATCH (p)-[e]->()
RETURN p.name AS name, type(e) AS type, 'out' AS direction, count(e) AS edges
UNION ALL
MATCH (p:Stakeholder {account: $account, id: $stakeholder})
OPTIONAL MATCH (p)<-[e]-()
RETURN p.name AS name, type(e) AS type, 'in' AS direction, count(e) AS edges
