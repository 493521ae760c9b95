// Every vendor: us (is_us) and each competitor.
// mode: read
// params:
// returns: id, name, is_us
MATCH (v:Vendor)
RETURN v.id AS id, v.name AS name, coalesce(v.is_us, false) AS is_us
ORDER BY id
