// Creates the departments of an account the store does not hold yet (see create_stakeholders).
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
CREATE (:Department {account: $account, id: r.id, name: r.name, function: r.function})
