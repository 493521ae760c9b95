// The relationship plan of one account: its targets, for people, coverage cells and bids.
// mode: read
// params: account
// returns: scope, stakeholder_id, department_id, layer, bid_id, role, stance, level, status, measure, value, due, owner_id
MATCH (t:Target {account: $account})
RETURN t.scope AS scope, t.stakeholder_id AS stakeholder_id, t.department_id AS department_id, t.layer AS layer,
       t.bid_id AS bid_id, t.role AS role, t.stance AS stance, t.level AS level, t.status AS status,
       t.measure AS measure, t.value AS value, t.due AS due, t.owner_id AS owner_id
