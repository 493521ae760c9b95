// Every account, with how many departments, stakeholders and bids it holds.
// mode: read
// params:
// returns: id, name, tier, departments, stakeholders, bids
MATCH (a:Account)
OPTIONAL MATCH (d:Department {account: a.id})
WITH a, count(d) AS departments
OPTIONAL MATCH (p:Stakeholder {account: a.id})
WITH a, departments, count(p) AS stakeholders
OPTIONAL MATCH (b:Bid {account: a.id})
RETURN a.id AS id, a.name AS name, a.tier AS tier, departments, stakeholders, count(b) AS bids
ORDER BY id
