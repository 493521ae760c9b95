// The organisational activities of one account: company-level events and who of each side took part.
// mode: read
// params: account
// returns: date, kind, subject, stakeholder_ids, team_member_ids, ends, score
MATCH (a:Activity {account: $account})
RETURN a.date AS date, a.kind AS kind, a.subject AS subject, a.stakeholder_ids AS stakeholder_ids,
       a.team_member_ids AS team_member_ids, a.ends AS ends, a.score AS score
