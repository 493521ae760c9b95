"""Organisational relationships and the three layers of health, on small accounts built by hand: each rule of
analysis/organisation.py and analysis/health.py, and each level boundary."""

import datetime as dt
from dataclasses import replace

import pytest

from relgraph.account import Activity, Bid, ProcurementStep
from relgraph.analysis import health as health_module
from relgraph.analysis.gaps import coverage_gaps, red_flags
from relgraph.analysis.health import health
from relgraph.analysis.organisation import organisation, organisation_flags
from relgraph.analysis.power import power_scores
from builders import account, person

DAY = dt.date(2026, 11, 1)
BID = Bid("b1", "Tender", team={"boss": "decision_maker", "eng": "evaluator"})


def org_account(*activities, tier="S", steps=(), bid=None):
    """One person and the given activities and procurement steps, of the given tier."""
    return replace(account([person("boss")], bid=bid), tier=tier, activities=tuple(activities),
                   procurement=tuple(ProcurementStep(*s) for s in steps), bids={"b1": BID, "b2": Bid("b2")})


def codes(data, day=DAY):
    return [code for code, _ in organisation_flags(data, day)]


# The summary

def test_an_executive_visit_counts_for_twelve_months_and_no_day_more():
    data = org_account(Activity("2025-11-02", "executive_visit"))
    assert organisation(data, DAY).executive_visits == 1
    assert organisation(data, DAY + dt.timedelta(days=1)).executive_visits == 0  # 365 days later
    assert organisation(data, DAY + dt.timedelta(days=1)).last_executive_visit == "2025-11-02"


def test_what_is_dated_after_the_day_is_left_out():
    data = org_account(Activity("2026-12-01", "executive_visit"), Activity("2026-12-01", "strategy_meeting"),
                       steps=[("b1", "need", True, "2026-12-01")])
    found = organisation(data, DAY)
    assert (found.executive_visits, found.last_strategy_meeting, found.activities, found.bids) == (0, None, 0, ())


def test_an_agreement_is_in_force_until_its_end_and_without_one_for_good():
    ends = org_account(Activity("2025-01-01", "strategic_agreement", "frame", ends="2026-11-01"))
    assert organisation(ends, DAY).agreement.subject == "frame"  # its last day
    assert organisation(ends, DAY + dt.timedelta(days=1)).agreement is None
    open_ended = org_account(Activity("2025-01-01", "strategic_agreement"))
    assert organisation(open_ended, dt.date(2030, 1, 1)).agreement is not None
    assert organisation(open_ended, dt.date(2024, 12, 31)).agreement is None  # not yet signed


def test_the_latest_survey_with_a_score_and_the_last_strategy_meeting_are_given():
    data = org_account(Activity("2025-03-01", "satisfaction_survey", "old", score=90),
                       Activity("2026-03-01", "satisfaction_survey", "new", score=55),
                       Activity("2026-06-01", "satisfaction_survey", "no score yet"),
                       Activity("2025-05-01", "strategy_meeting"), Activity("2026-02-01", "strategy_meeting"))
    found = organisation(data, DAY)
    assert (found.satisfaction.subject, found.last_strategy_meeting) == ("new", "2026-02-01")


def test_the_share_of_steps_is_of_those_recorded_in_process_order():
    data = org_account(steps=[("b1", "tender", True, None), ("b1", "need", False, "2026-01-01"),
                              ("b1", "goals", True, "2026-02-01"), ("b2", "contract", True, None)])
    b1, b2 = organisation(data, DAY).bids
    assert (b1.recorded, b1.taken, b1.missed, b1.share) == (("need", "goals", "tender"), ("goals", "tender"),
                                                            ("need",), 0.6667)
    assert (b2.bid_id, b2.share) == ("b2", 1.0)


def test_with_a_bid_only_its_steps_count_and_none_recorded_is_no_share():
    data = org_account(steps=[("b2", "need", False, None)], bid=BID)
    (only,) = organisation(data, DAY).bids
    assert (only.bid_id, only.recorded, only.share) == ("b1", (), None)


# Its flags

def test_no_executive_visit_is_flagged_on_an_s_tier_account_only():
    assert "no_executive_visit" in codes(org_account(tier="S"))
    assert "no_executive_visit" not in codes(org_account(tier="A"))
    assert "no_executive_visit" not in codes(org_account(Activity("2026-01-01", "executive_visit"), tier="S"))


def test_no_agreement_in_force_is_flagged_on_s_and_a_accounts():
    assert [t for t in "SABC" if "no_strategic_agreement" in codes(org_account(tier=t))] == ["S", "A"]
    ended = org_account(Activity("2024-01-01", "strategic_agreement", ends="2026-10-31"), tier="A")
    assert "no_strategic_agreement" in codes(ended)
    assert "no_strategic_agreement" not in codes(org_account(Activity("2024-01-01", "strategic_agreement"), tier="A"))


def test_under_half_of_the_steps_is_flagged_with_the_steps_missed_and_half_is_not():
    under = org_account(steps=[("b1", "need", True, None), ("b1", "goals", False, None), ("b1", "tender", False, None)],
                        tier="C")
    (message,) = [m for c, m in organisation_flags(under, DAY) if c == "few_procurement_steps"]
    assert message == ("we took part in 1 of the 3 procurement steps of bid b1 recorded so far, under half "
                       "(missed: goals, tender)")
    half = org_account(steps=[("b1", "need", True, None), ("b1", "goals", False, None)], tier="C")
    assert codes(half) == []


def test_a_low_latest_score_is_flagged_and_sixty_is_not():
    assert codes(org_account(Activity("2026-01-01", "satisfaction_survey", score=59.5), tier="C")) == ["low_satisfaction"]
    assert codes(org_account(Activity("2026-01-01", "satisfaction_survey", score=60), tier="C")) == []


def test_the_organisational_flags_are_warnings_among_the_red_flags_and_counted_in_readiness():
    data = org_account(tier="S")
    power = power_scores(data)
    flags = [f for f in red_flags(data, power, DAY) if f.code in ("no_executive_visit", "no_strategic_agreement")]
    assert [(f.code, f.severity, f.stakeholders) for f in flags] == [("no_executive_visit", "warning", ()),
                                                                      ("no_strategic_agreement", "warning", ())]
    gaps = coverage_gaps(data, power, DAY)
    assert gaps.readiness["flags"]["warning"] == sum(f.severity == "warning" for f in gaps.flags) >= 2


# The three layers

def layer(data, name, day=DAY):
    return next(l for l in health(data, power_scores(data), day) if l.layer == name)


def key_account(boss="supporter", eng="supporter", rival=None):
    """The boss decides bid b1, the engineer evaluates; both in touch and owned unless told otherwise."""
    people = [person("boss", our_stance=boss, our_level="supports", owners=("t1",), last_contact="2026-10-30",
                     competitor_stances={"rival": rival} if rival else None, layer="executive",
                     department_id="exec"),
              person("eng", our_stance=eng, our_level="supports", owners=("t1",), last_contact="2026-10-30",
                     layer="frontline", department_id="it")]
    return account(people, bid=BID)


def test_key_is_strong_when_every_decider_is_our_ally_and_our_allies_hold_the_power():
    found = layer(key_account(), "key")
    assert found.level == "strong"
    assert found.reasons == ("all 1 deciders are our allies", "our allies hold 100% of the power",
                             "0 of the 2 most powerful unreached")


def test_key_is_weak_when_a_decider_backs_a_competitor():
    found = layer(key_account(boss="neutral", rival="supporter"), "key")
    assert found.level == "weak" and found.reasons[0].startswith("1 of the 1 deciders is against us")
    assert "none of the 1 deciders is our ally" in found.reasons


def test_key_is_weak_when_no_decider_is_our_ally_though_none_is_against_us():
    found = layer(key_account(boss="neutral"), "key")
    assert found.measures["allied_power_share"] >= 0.25  # the evaluator's power keeps our allies above 25%
    assert found.level == "weak" and found.reasons == ("none of the 1 deciders is our ally",)


def test_key_is_fair_when_some_deciders_are_ours_and_none_against_us():
    two = replace(BID, team={"boss": "decision_maker", "eng": "approver"})
    mixed = account([person("boss", our_stance="neutral"), person("eng", our_stance="supporter", our_level="supports",
                                                                  owners=("t1",), last_contact="2026-10-30")], bid=two)
    found = layer(mixed, "key")
    assert found.level == "fair" and "1 of the 2 deciders are our allies" in found.reasons


def test_key_without_any_decider_is_never_strong():
    data = account([person("eng", our_stance="supporter", our_level="supports", owners=("t1",),
                           last_contact="2026-10-30")])
    found = layer(data, "key")
    assert found.level == "fair" and found.reasons == ("no decider (decision maker or approver) is recorded",)


@pytest.mark.parametrize("nudge, level", [(0, "fair"), (0.0001, "weak")])
def test_allied_power_share_exactly_at_the_weak_threshold_is_not_weak(monkeypatch, nudge, level):
    data = account([person("boss", roles=("decision_maker",), our_stance="supporter"), person("x"), person("y")])
    share = layer(data, "key").measures["allied_power_share"]
    monkeypatch.setattr(health_module, "KEY_WEAK_SHARE", share + nudge)
    monkeypatch.setattr(health_module, "KEY_STRONG_SHARE", 1.0)
    assert layer(data, "key").level == level


@pytest.mark.parametrize("nudge, level", [(0, "strong"), (0.0001, "fair")])
def test_allied_power_share_exactly_at_the_strong_threshold_is_strong(monkeypatch, nudge, level):
    data = key_account(eng="neutral")
    share = layer(data, "key").measures["allied_power_share"]
    monkeypatch.setattr(health_module, "KEY_WEAK_SHARE", 0.0)
    monkeypatch.setattr(health_module, "KEY_STRONG_SHARE", share + nudge)
    assert layer(data, "key").level == level


@pytest.mark.parametrize("allowed, level", [(1, "strong"), (0, "fair")])
def test_unreached_among_the_most_powerful_at_the_limit_is_still_strong(monkeypatch, allowed, level):
    data = key_account(eng="neutral")  # the evaluator: neutral, so unreached
    monkeypatch.setattr(health_module, "KEY_STRONG_SHARE", 0.0)
    monkeypatch.setattr(health_module, "KEY_UNREACHED", allowed)
    found = layer(data, "key")
    assert found.measures["powerful_unreached"] == 1 and found.level == level


def breadth_account(touched: int, people: int = 10, departments: int = 2):
    """`people` active people spread over `departments`, the first `touched` of them contacted a week ago."""
    return account([person(f"p{n:02d}", department_id=f"d{n % departments}", layer="frontline",
                           last_contact="2026-10-25" if n < touched else None) for n in range(people)])


@pytest.mark.parametrize("touched, level", [(1, "weak"), (2, "fair"), (4, "fair"), (5, "strong")])
def test_general_levels_by_the_share_touched_within_90_days(touched, level):
    found = layer(breadth_account(touched), "general")  # 20% is not weak, 50% is strong
    assert found.level == level, found.reasons


def departments_account(untouched: int, departments: int):
    """Two people in each department, both touched a week ago except in the first `untouched` departments."""
    return account([person(f"p{d}{n}", department_id=f"d{d}", last_contact=None if d < untouched else "2026-10-25")
                    for d in range(departments) for n in range(2)])


@pytest.mark.parametrize("untouched, departments, weak", [(1, 2, True), (1, 3, False), (2, 3, True)])
def test_general_is_weak_when_half_of_the_departments_or_more_went_untouched(untouched, departments, weak):
    found = layer(departments_account(untouched, departments), "general")
    said = f"{untouched} of the {departments} departments had no touchpoint within 90 days"
    assert found.measures["departments_untouched_90"] == untouched
    assert (found.level == "weak") is weak and said in found.reasons


def test_general_without_people_of_the_customer_is_weak():
    data = account([person("c", organisation="Consultants Ltd", last_contact="2026-10-25")])
    assert layer(data, "general").reasons == ("no active people of the customer are counted",)


def strong_org(**changes):
    """An account with everything of a strong organisational layer, and bid b1 at 3 of 4 steps."""
    activities = [Activity("2026-05-01", "executive_visit"), Activity("2026-04-01", "strategy_meeting"),
                  Activity("2025-01-01", "strategic_agreement", ends="2027-12-31")]
    steps = [("b1", "need", True, None), ("b1", "goals", True, None), ("b1", "requirements", True, None),
             ("b1", "tender", False, None)]
    return replace(org_account(*changes.get("activities", activities), steps=changes.get("steps", steps), bid=BID))


def test_organisational_is_strong_with_visits_an_agreement_a_meeting_and_three_quarters_of_the_steps():
    found = layer(strong_org(), "organisational")
    assert found.level == "strong"
    assert found.reasons[-1] == "we took part in 75% of the recorded procurement steps of bid b1"


def test_organisational_is_fair_below_three_quarters_of_the_steps_and_weak_below_half():
    two_of_three = [("b1", "need", True, None), ("b1", "goals", True, None), ("b1", "requirements", False, None)]
    assert layer(strong_org(steps=two_of_three), "organisational").level == "fair"
    half = two_of_three[:1] + [("b1", "goals", False, None)]
    assert layer(strong_org(steps=half), "organisational").level == "fair"  # exactly half: not weak
    found = layer(strong_org(steps=half + [("b1", "tender", False, None)]), "organisational")
    assert found.level == "weak" and found.reasons == (
        "we took part in 33% of the recorded procurement steps of bid b1, under 50%",)


def test_organisational_without_recorded_steps_for_the_bid_is_not_strong():
    found = layer(strong_org(steps=[]), "organisational")
    assert found.level == "fair" and found.reasons == ("no procurement steps of bid b1 recorded",)


def test_organisational_is_weak_without_visit_nor_agreement_and_fair_with_one_of_them():
    meeting = Activity("2026-04-01", "strategy_meeting")
    assert layer(strong_org(activities=[meeting]), "organisational").reasons[0] == (
        "no executive visit in the last 12 months and no strategic agreement in force")
    found = layer(strong_org(activities=[meeting, Activity("2026-05-01", "executive_visit")]), "organisational")
    assert found.level == "fair" and found.reasons == ("no strategic agreement in force",)


def test_organisational_a_low_satisfaction_score_makes_it_weak():
    activities = [Activity("2026-05-01", "executive_visit"), Activity("2026-04-01", "strategy_meeting"),
                  Activity("2025-01-01", "strategic_agreement"), Activity("2026-06-01", "satisfaction_survey", score=40)]
    found = layer(strong_org(activities=activities), "organisational")
    assert found.level == "weak" and found.reasons == ("the latest satisfaction score is 40, under 60",)


def test_a_strategy_meeting_older_than_a_year_keeps_it_from_strong():
    activities = [Activity("2026-05-01", "executive_visit"), Activity("2025-10-01", "strategy_meeting"),
                  Activity("2025-01-01", "strategic_agreement")]
    found = layer(strong_org(activities=activities), "organisational")
    assert found.level == "fair" and found.reasons == ("no strategy meeting in the last 12 months",)
