// Creates or updates vendors (shared by all accounts): us and the competitors.
// mode: write
// params: rows
// returns:
UNWIND $rows AS r
MERGE (v:Vendor {id: r.id})
SET v.name = coalesce(r.name, v.name, r.id), v.is_us = r.is_us
