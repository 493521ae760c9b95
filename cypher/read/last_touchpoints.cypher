// The date of the newest touchpoint with each stakeholder of one account.
// params: account
// returns: id, last_touchpoint
MATCH (:TeamMember)-[c:CONTACTED]->(p:Stakeholder {account: $account})
RETURN p.id AS id, max(c.date) AS last_touchpoint
ORDER BY id
