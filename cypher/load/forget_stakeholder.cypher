// Erases one stakeholder and every relationship that touches them: reporting
// lines, influence, stances, ownership, touchpoints, bid-team places.
// mode: write
// params: account, stakeholder
// returns:
MATCH (p:Stakeholder {account: $account, id: $stakeholder})
DETACH DELETE p
