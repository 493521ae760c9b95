// Records organisational activities. The people who took part are kept as lists of ids: `forget` takes a
// person out of them (load/forget_activities).
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
CREATE (a:Activity {account: $account})
SET a.date = r.date, a.kind = r.kind, a.subject = r.subject, a.stakeholder_ids = r.stakeholder_ids,
    a.team_member_ids = r.team_member_ids, a.ends = r.ends, a.score = r.score
