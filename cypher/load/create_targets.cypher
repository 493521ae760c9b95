// Records targets of the account's relationship plan. The ids they name are kept as values: `forget` erases a
// person's targets with them (load/forget_targets).
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
CREATE (t:Target {account: $account})
SET t.scope = r.scope, t.stakeholder_id = r.stakeholder_id, t.department_id = r.department_id, t.layer = r.layer,
    t.bid_id = r.bid_id, t.role = r.role, t.stance = r.stance, t.level = r.level, t.status = r.status,
    t.measure = r.measure, t.value = r.value, t.due = r.due, t.owner_id = r.owner_id
