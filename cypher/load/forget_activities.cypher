// Takes one stakeholder out of the participants of every organisational activity of the account.
// mode: write
// params: account, stakeholder
// returns:
MATCH (a:Activity {account: $account})
WHERE $stakeholder IN a.stakeholder_ids
SET a.stakeholder_ids = [id IN a.stakeholder_ids WHERE id <> $stakeholder]
