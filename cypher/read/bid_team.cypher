// The procurement team of one bid, with each member's role on it and our stance.
// mode: read
// params: account, bid
// returns: id, name, title, role, our_stance, our_level
MATCH (p:Stakeholder {account: $account})-[t:ON_BID_TEAM]->(:Bid {account: $account, id: $bid})
OPTIONAL MATCH (p)-[s:STANCE]->(:Vendor {is_us: true})
RETURN p.id AS id, p.name AS name, p.title AS title, t.role AS role,
       s.stance AS our_stance, s.level AS our_level
ORDER BY id
