// Removes the PART_OF links of the listed departments, before they are set anew.
// mode: write
// params: account, ids
// returns:
UNWIND $ids AS id
MATCH (d:Department {account: $account, id: id})-[e:PART_OF]->()
DELETE e
