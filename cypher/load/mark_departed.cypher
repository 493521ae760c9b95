// Marks the listed stakeholders as departed (a pruning load): they stay, with
// their history and stances, but analyses leave them out by default.
// mode: write
// params: account, ids
// returns:
UNWIND $ids AS id
MATCH (p:Stakeholder {account: $account, id: id})
SET p.status = 'departed'
