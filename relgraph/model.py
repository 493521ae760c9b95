"""The domain's scales: the values each field of the power map may take (the README's file formats list them)."""

__all__ = [
    "TIERS", "FUNCTIONS", "LAYERS", "ROLES", "STANCES", "LEVELS", "ALLY_STANCES", "LEVELS_AT_ODDS", "CONFIDENCES",
    "PERSON_STATUSES", "INFLUENCE_KINDS", "CONTACT_KINDS", "GRAPH_NAME", "COVERAGE_STATUSES", "TARGET_SCOPES",
    "TARGET_MEASURES", "ACTIVITY_KINDS", "PROCUREMENT_STEPS",
]

GRAPH_NAME = "relgraph"

TIERS = ("S", "A", "B", "C")
FUNCTIONS = ("executive", "business", "technical", "procurement", "finance", "admin", "other")
LAYERS = ("executive", "middle", "frontline")
ROLES = ("decision_maker", "approver", "evaluator", "influencer", "user", "gatekeeper", "procurement")
STANCES = ("mentor", "supporter", "neutral", "opponent", "unknown")
LEVELS = ("opposed", "contact", "accepting", "favourable", "supports", "supports_exclusively")
ALLY_STANCES = ("mentor", "supporter")  # on that vendor's side; a person takes one vendor's side
# Our levels that say the opposite of the stance to us: a load warns about them.
LEVELS_AT_ODDS = {
    "mentor": ("opposed",),
    "supporter": ("opposed",),
    "neutral": ("opposed", "supports", "supports_exclusively"),
    "opponent": ("favourable", "supports", "supports_exclusively"),
}
CONFIDENCES = ("low", "medium", "high")
PERSON_STATUSES = ("active", "departed")
INFLUENCE_KINDS = ("advice", "technical", "personal", "political")
CONTACT_KINDS = ("visit", "meal", "call", "email", "event", "workshop", "site_visit")
# A coverage cell's status, best for us first (analysis/gaps.py says what each means).
COVERAGE_STATUSES = ("covered", "outnumbered", "weak", "contested", "uncovered")
# What a target of the relationship plan is about: one person, one coverage cell, or one bid as a whole.
TARGET_SCOPES = ("person", "cell", "bid")
TARGET_MEASURES = ("support_share", "suppression_ratio")  # a bid's numbers (analysis/position.py)
# Organisational relationships, company to company: the events of activities.csv.
ACTIVITY_KINDS = ("strategy_meeting", "executive_visit", "summit", "reference_visit", "joint_innovation",
                  "strategic_agreement", "satisfaction_survey")
# The steps of the customer's procurement process, in order (procurement.csv: which we took part in).
PROCUREMENT_STEPS = ("need", "goals", "requirements", "tender", "evaluation", "supplier_visit", "contract")
