"""The analyses on small named organisations whose right answers are written beside them."""

import datetime as dt
import random

import pytest

from relgraph.account import Bid
from relgraph.analysis.centres import decision_centres
from relgraph.analysis.gaps import coverage_gaps
from relgraph.analysis.position import competitive_position
from relgraph.analysis.power import listening_rank, power_reasons, power_scores
from relgraph.analysis.unreached import unreached_influencers
from relgraph.errors import RelgraphError

from builders import account, person

TODAY = dt.date(2026, 11, 23)
RECENT = "2026-11-20"


def bureau():
    """A chief, two deputies, a chief engineer, and a junior engineer everyone technical listens to."""
    people = [
        person("chief", layer="executive", roles=("decision_maker",), influence=5, our_stance="supporter",
               our_level="favourable", owners=("Ann",), last_contact=RECENT, department_id="lead"),
        person("dep1", layer="executive", roles=("approver",), influence=4, our_stance="mentor",
               our_level="supports", owners=("Ann",), last_contact=RECENT, department_id="lead"),
        person("dep2", layer="executive", roles=("approver",), influence=4, department_id="lead",
               competitor_stances={"rival": "mentor"}, our_stance="neutral", our_level="accepting", owners=("Bo",),
               last_contact=RECENT),
        person("cheng", layer="executive", roles=("evaluator",), influence=4, department_id="tech",
               our_stance="neutral", our_level="contact", last_contact=RECENT, owners=("Bo",)),
        person("head", layer="middle", roles=("evaluator",), department_id="tech", our_stance="opponent",
               competitor_stances={"rival": "supporter"}),
        person("lin", layer="frontline", roles=("user",), influence=2, department_id="tech"),
    ] + [person(f"staff{i}", layer="frontline", roles=("user",), department_id="admin") for i in range(4)]
    influence = [("lin", "cheng", 5, "technical"), ("lin", "head", 5, "technical"), ("lin", "dep1", 4, "advice"),
                 ("lin", "chief", 3, "advice"), ("dep1", "chief", 4, "advice"), ("cheng", "chief", 3, "technical"),
                 ("staff0", "staff1", 2, "personal"), ("dep1", "head", 2, "political")]
    reports = {"dep1": "chief", "dep2": "chief", "cheng": "chief", "head": "dep1", "lin": "head",
               **{f"staff{i}": "dep2" for i in range(4)}}
    return account(people, influence, reports)


def test_people_below_count_every_report_down_the_tree():
    power = power_scores(bureau())
    assert {pid: p.below for pid, p in power.items() if p.below} == {"chief": 9, "dep1": 2, "head": 1, "dep2": 4}
    assert power["dep2"].direct_reports == 4
    chain = account([person(f"p{i}") for i in range(50)], reports_to={f"p{i}": f"p{i + 1}" for i in range(49)})
    assert power_scores(chain)["p49"].below == 49 and power_scores(chain)["p0"].below == 0


@pytest.mark.parametrize("seed", range(3))
def test_people_below_and_direct_reports_match_a_walk_up_from_each_person(seed):
    """Random forests, deep and wide: each person counted once for every manager above them."""
    rng = random.Random(seed)
    ids = [f"p{i:03d}" for i in range(300)]
    reports = {pid: rng.choice(ids[max(0, i - rng.choice((1, 5, 300))):i]) for i, pid in enumerate(ids)
               if i and rng.random() < 0.97}
    below, direct = dict.fromkeys(ids, 0), dict.fromkeys(ids, 0)
    for pid in ids:
        if pid in reports:
            direct[reports[pid]] += 1
        manager = reports.get(pid)
        while manager is not None:
            below[manager] += 1
            manager = reports.get(manager)
    power = power_scores(account([person(pid) for pid in ids], reports_to=reports))
    assert {pid: p.below for pid, p in power.items()} == below
    assert {pid: p.direct_reports for pid, p in power.items()} == direct


def test_the_chief_ranks_first_and_the_junior_engineer_is_a_hidden_influencer():
    data = bureau()
    power = power_scores(data)
    assert list(power)[0] == "chief" and power["chief"].rank == 1
    assert [pid for pid, p in power.items() if p.hidden_influencer] == ["lin"]
    assert power["lin"].rank < power["staff0"].rank
    reasons = power_reasons(data, power)("lin")
    assert "4 people listen to them, most powerful: Chief, Dep1, Cheng" in reasons
    assert reasons[-1] == "hidden influencer: informal influence far above their layer and roles"
    assert power_reasons(data, power)("chief")[:3] == ("decision maker", "executive layer", "9 people report up to them (3 directly)")
    assert all(0 <= p.score <= 1 for p in power.values())


def test_a_decision_maker_outranks_an_otherwise_identical_user():
    twins = account([person("a", roles=("user",), layer="middle"), person("b", roles=("decision_maker",), layer="middle")])
    power = power_scores(twins)
    assert power["b"].rank == 1 and power["b"].score > power["a"].score


def test_the_bid_role_overrides_the_default_role_and_is_named():
    bid = Bid("T-1", "Tender", team={"staff0": "decision_maker"})
    people = [person("staff0", roles=("decision_maker",)), person("staff1", roles=("user",))]
    data = account(people, bid=bid)
    assert power_reasons(data, power_scores(data))("staff0")[0] == "decision maker on bid T-1"


def _random_account(rng: random.Random, size: int, edges: int):
    people = [person(f"p{i}", layer=rng.choice(["executive", "middle", "frontline"]),
                     roles=(rng.choice(["decision_maker", "evaluator", "user"]),)) for i in range(size)]
    pairs = {(f"p{rng.randrange(size)}", f"p{rng.randrange(size)}") for _ in range(edges)}
    return people, [(s, t, rng.randint(1, 5), "advice") for s, t in sorted(pairs) if s != t]


@pytest.mark.parametrize("seed", range(25))
def test_a_new_influence_edge_never_lowers_the_score_of_its_source(seed):
    rng = random.Random(seed)
    people, edges = _random_account(rng, 12, 20)
    before = power_scores(account(people, edges))
    missing = [(f"p{s}", f"p{t}") for s in range(12) for t in range(12) if s != t and (f"p{s}", f"p{t}") not in {e[:2] for e in edges}]
    source, target = rng.choice(missing)
    after = power_scores(account(people, edges + [(source, target, rng.randint(1, 5), "advice")]))
    assert after[source].score >= before[source].score - 1e-9


@pytest.mark.parametrize("seed", range(25))
def test_raising_one_ties_strength_raises_its_sources_score(seed):
    rng = random.Random(seed)
    people, edges = _random_account(rng, 12, 20)
    weak = [i for i, e in enumerate(edges) if e[2] < 5]
    chosen = rng.choice(weak)
    source, target, strength, kind = edges[chosen]
    stronger = edges[:chosen] + [(source, target, rng.randint(strength + 1, 5), kind)] + edges[chosen + 1:]
    before, after = power_scores(account(people, edges)), power_scores(account(people, stronger))
    assert after[source].score > before[source].score
    assert after[source].components["informal"] > before[source].components["informal"]


def test_an_advisor_rated_5_beats_one_rated_1_all_else_equal():
    pairs = [person(pid, layer=layer, roles=roles) for n in (1, 2) for pid, layer, roles in
             ((f"boss{n}", "executive", ("decision_maker",)), (f"adviser{n}", "frontline", ("user",)))]
    power = power_scores(account(pairs, [("adviser1", "boss1", 5, "advice"), ("adviser2", "boss2", 1, "advice")]))
    assert power["adviser1"].score > power["adviser2"].score
    assert power["adviser1"].components["informal"] > power["adviser2"].components["informal"]
    assert power["adviser1"].rank < power["adviser2"].rank


def test_a_person_is_powerful_when_powerful_people_listen_to_them():
    people = [person("boss", layer="executive", roles=("decision_maker",)), person("clerk", layer="frontline", roles=("user",)),
              person("heard_by_boss", layer="frontline"), person("heard_by_clerk", layer="frontline")]
    power = power_scores(account(people, [("heard_by_boss", "boss", 3, "advice"), ("heard_by_clerk", "clerk", 3, "advice")]))
    assert power["heard_by_boss"].components["informal"] > power["heard_by_clerk"].components["informal"]
    assert power["heard_by_boss"].rank < power["heard_by_clerk"].rank


@pytest.mark.parametrize("seed", range(5))
def test_the_fast_ranking_equals_networkx_pagerank_with_an_own_judgement_node_per_listener(seed):
    """networkx normalises every node's out-weights, so a listener's kept judgement is a tie of strength
    5 - S to a node of their own that listens to no one (and so restarts by the personalisation)."""
    import networkx as nx

    rng = random.Random(seed)
    people, edges = _random_account(rng, 300, 900)
    data = account(people, edges)
    teleport = {pid: 0.05 + rng.random() for pid in data.people}
    graph = nx.DiGraph()
    graph.add_nodes_from(data.people)
    graph.add_weighted_edges_from((e.target, e.source, e.strength) for e in data.influence)
    for listener in data.people:
        heard = graph.out_degree(listener, weight="weight")
        if heard < 5:
            graph.add_edge(listener, ("own", listener), weight=5 - heard)
    expected = nx.pagerank(graph, alpha=0.85, personalization=teleport, tol=1e-14, max_iter=10_000)
    total = sum(expected[pid] for pid in data.people)
    fast = listening_rank(data, teleport, tol=1e-14)
    assert fast == pytest.approx({pid: expected[pid] / total for pid in data.people}, rel=1e-8, abs=0)


def test_a_ranking_that_does_not_settle_is_a_clear_error():
    data = bureau()
    with pytest.raises(RelgraphError, match="did not settle .iteration limit 2 reached"):
        listening_rank(data, {pid: 1.0 for pid in data.people}, max_iter=2)


def test_decision_centres_gather_people_around_their_most_powerful_member():
    data = bureau()
    found = decision_centres(data, power_scores(data))
    centres = found.centres
    assert centres[0].leader == "chief"
    assert {"chief", "dep1"} <= set(centres[0].members)
    assert "chief" in centres[0].deciders
    assert decision_centres(data, power_scores(data)) == found  # same seed, same answer
    assert 0 < found.modularity < 1


def test_decision_centres_find_planted_communities_at_every_size_the_same_way_each_run():
    import random
    from collections import Counter

    import networkx as nx

    for groups, size in ((4, 40), (100, 21_000)):  # the second above the size where a weaker method used to take over
        rng = random.Random(groups)
        members = [[f"p{g:03d}-{i:05d}" for i in range(size // groups)] for g in range(groups)]
        people = [person(pid) for group in members for pid in group]
        ids = [p.id for p in people]
        ties = {tuple(sorted((a, b))) for group in members for a in group for b in rng.sample(group, 4) if a != b}
        ties |= {tuple(sorted(rng.sample(ids, 2))) for _ in range(len(ids) // 10)}
        data = account(people, [(a, b, 3, "advice") for a, b in sorted(ties)])
        found = decision_centres(data, power_scores(data))
        centre_of = {pid: c.leader for c in found.centres for pid in c.members}
        for group in members:  # each planted group lies mostly in one centre ...
            assert max(Counter(centre_of.get(pid) for pid in group).values()) >= 0.8 * len(group)
        for c in found.centres:  # ... and each centre is mostly one planted group
            assert max(Counter(pid[:4] for pid in c.members).values()) >= 0.8 * len(c.members)
        assert found.modularity > 0.5
        assert decision_centres(data, power_scores(data)) == found
        partition = [set(c.members) for c in found.centres]
        graph = nx.Graph([(a, b, {"weight": 3}) for a, b in ties])
        assert abs(nx.community.modularity(graph, partition, weight="weight") - found.modularity) < 1e-3


def test_unreached_lists_the_powerful_weak_ties_with_reasons_and_the_strongest_warm_path():
    data = bureau()
    found = {u.id: u for u in unreached_influencers(data, power_scores(data), TODAY).people}
    assert "chief" not in found and "dep1" not in found
    head = found["head"]
    assert head.reasons == ("nobody on our team owns them", "no level of our relationship recorded",
                            "stance to us is opponent", "never contacted")
    assert head.competitor == "rival"
    assert [(s.id, s.relation, s.via) for s in head.path.steps] == [("dep1", "our mentor", None),
                                                                     ("head", "reports to them", "report")]
    assert head.path.act_by == ("Ann",) and head.path.strength == 0.5 and not head.path.renew_first
    assert found["cheng"].reasons == ("our relationship is only a first contact (level contact)",
                                      "stance to us is neutral")


def test_the_strongest_chain_is_preferred_to_the_shortest():
    people = [person("ally", our_stance="supporter"), person("x"), person("target", roles=("decision_maker",))]
    data = account(people, [("ally", "target", 1, "advice"), ("ally", "x", 5, "advice"), ("x", "target", 5, "advice")])
    target = next(u for u in unreached_influencers(data, power_scores(data), TODAY).people if u.id == "target")
    assert [(s.id, s.via) for s in target.path.steps] == [("ally", None), ("x", "influence"), ("target", "influence")]


def test_a_broken_warm_path_is_null_with_the_reason():
    people = [person("ally", our_stance="mentor", owners=("Ann",), last_contact=RECENT, our_level="supports"),
              person("island", roles=("decision_maker",))]
    found = unreached_influencers(account(people), power_scores(account(people)), TODAY).people
    assert [(u.id, u.path, u.path_note) for u in found] == [
        ("island", None, "none of our 1 mentors and supporters reaches them through influence or reporting lines")]
    alone = account([person("island")])
    assert unreached_influencers(alone, power_scores(alone), TODAY).people[0].path_note == "we have no mentor or supporter in this account"


def test_a_stale_mentor_is_to_renew_not_unreached_and_flagged():
    people = [person("coach", our_stance="mentor", our_level="supports", owners=("Ann",), last_contact="2026-11-01")]
    data = account(people)
    power = power_scores(data)
    found = unreached_influencers(data, power, TODAY)
    assert found.people == []
    assert [(r.id, r.actions) for r in found.renew] == [
        ("coach", ("renew the contact: last contact 2026-11-01, 22 days ago (limit 14 for mentors)",))]
    assert unreached_influencers(data, power, TODAY, {"mentor": 30, "supporter": 30, "other": 90}).renew == []
    flags = {f.code: f for f in coverage_gaps(data, power, TODAY).flags}
    assert flags["stale_ally"].stakeholders == ("coach",)


def test_coverage_cells_covered_contested_weak_uncovered():
    data = bureau()
    cells = {(c.department_id, c.layer): c for c in coverage_gaps(data, power_scores(data), TODAY).cells}
    assert cells[("lead", "executive")].status == "covered"
    assert cells[("tech", "middle")].status == "contested"
    assert cells[("tech", "middle")].competitor_allies == {"rival": ("head",)}
    assert cells[("tech", "executive")].status == "weak"
    assert cells[("admin", "frontline")].status == "uncovered"


def test_the_red_flags_of_the_method():
    data = bureau()
    flags = {f.code: f for f in coverage_gaps(data, power_scores(data), TODAY).flags}
    assert flags["no_technical_supporter"].severity == "critical"
    assert flags["no_technical_supporter"].stakeholders == ("cheng", "head")
    assert flags["competitor_mentor"].stakeholders == ("dep2",)
    assert "no_mentor" not in flags and "too_many_mentors" not in flags
    assert "decider_stance_unknown" not in flags


def test_no_mentor_three_mentors_unknown_decider_and_opponent_of_unknown_allegiance():
    lonely = account([person("boss", roles=("decision_maker",)), person("foe", our_stance="opponent")])
    flags = {f.code: f for f in coverage_gaps(lonely, power_scores(lonely), TODAY).flags}
    assert flags["no_mentor"].severity == "critical"
    assert flags["decider_stance_unknown"].stakeholders == ("boss",)
    assert flags["opponent_allegiance_unknown"].stakeholders == ("foe",)
    crowded = account([person(f"m{i}", our_stance="mentor", last_contact=RECENT) for i in range(3)])
    flags = {f.code: f for f in coverage_gaps(crowded, power_scores(crowded), TODAY).flags}
    assert flags["too_many_mentors"].severity == "warning" and len(flags["too_many_mentors"].stakeholders) == 3


def test_readiness_for_a_bid_counts_its_team_only():
    bid = Bid("T-1", "Tender", team={"chief": "decision_maker", "head": "evaluator"})
    data = account(list(bureau().people.values()), bid=bid)
    readiness = coverage_gaps(data, power_scores(data), TODAY).readiness
    assert readiness["scope"] == "bid T-1 team" and readiness["people"] == 2
    assert 0 < readiness["allied_power_share"] < 1


def test_position_counts_stances_and_the_suppression_ratio():
    twins = account([person("a", our_stance="supporter", last_contact=RECENT),
                     person("b", competitor_stances={"rival": "supporter"})])
    position = competitive_position(twins, power_scores(twins), TODAY)
    ours, theirs = position.vendors
    assert (ours.vendor, ours.name, ours.counts["supporter"], ours.counts["unknown"]) == ("us", "Our Co", 1, 1)
    assert theirs.counts["supporter"] == 1 and ours.weighted_support == theirs.weighted_support == 0.5
    assert position.suppression_ratio == 1.0 and position.strongest_competitor == "rival"
    assert [(row["id"], row["us"], row["rival"]) for row in position.table] == [
        ("a", "supporter", "unknown"), ("b", "unknown", "supporter")]
