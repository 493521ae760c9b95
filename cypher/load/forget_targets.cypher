// Erases the targets of the relationship plan that are about one stakeholder.
// mode: write
// params: account, stakeholder
// returns:
MATCH (t:Target {account: $account, stakeholder_id: $stakeholder})
DELETE t
