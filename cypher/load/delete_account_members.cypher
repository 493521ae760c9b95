// Erases every node of one account (people, departments, bids) and every relationship that touches them;
// the vendors and team members all accounts share stay.
// mode: write
// params: account
// returns:
MATCH (n {account: $account})
DETACH DELETE n
