// How many nodes of each label the store holds.
// mode: read
// params:
// returns: label, nodes
MATCH (n)
RETURN labels(n)[0] AS label, count(n) AS nodes
ORDER BY label
