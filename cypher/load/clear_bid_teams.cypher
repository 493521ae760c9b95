// Removes the procurement-team memberships of the account's bids.
// mode: write
// params: account
// returns:
MATCH (:Stakeholder {account: $account})-[e:ON_BID_TEAM]->(:Bid {account: $account})
DELETE e
