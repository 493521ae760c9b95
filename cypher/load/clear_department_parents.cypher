// Removes the PART_OF links of the listed departments, before they are set anew.
// params: account, ids
// returns:
MATCH (d:Department {account: $account})-[e:PART_OF]->()
WHERE d.id IN $ids
DELETE e
