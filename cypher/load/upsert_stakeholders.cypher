// Creates or updates stakeholders of one account; empty cells remove the property.
// mode: write
// params: account, rows
// returns:
UNWIND $rows AS r
MERGE (p:Stakeholder {account: $account, id: r.id})
SET p.name = r.name, p.title = r.title, p.layer = r.layer, p.roles = r.roles,
    p.influence = r.influence, p.last_contact = r.last_contact, p.status = r.status,
    p.notes = r.notes, p.email = r.email, p.organisation = r.organisation
