// The vendors of one account: us, and every vendor someone in the account has a stance toward.
// mode: read
// params: account
// returns: id, name, is_us
MATCH (v:Vendor)
WHERE v.is_us = true OR (:Stakeholder {account: $account})-[:STANCE]->(v)
RETURN v.id AS id, v.name AS name, coalesce(v.is_us, false) AS is_us
