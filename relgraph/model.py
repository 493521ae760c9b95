"""The domain's scales: the values each field of the power map may take (the README's file formats list them)."""

__all__ = [
    "TIERS", "FUNCTIONS", "LAYERS", "ROLES", "STANCES", "LEVELS", "CONFIDENCES",
    "PERSON_STATUSES", "INFLUENCE_KINDS", "CONTACT_KINDS", "GRAPH_NAME",
]

GRAPH_NAME = "relgraph"

TIERS = ("S", "A", "B", "C")
FUNCTIONS = ("executive", "business", "technical", "procurement", "finance", "admin", "other")
LAYERS = ("executive", "middle", "frontline")
ROLES = ("decision_maker", "approver", "evaluator", "influencer", "user", "gatekeeper", "procurement")
STANCES = ("mentor", "supporter", "neutral", "opponent", "unknown")
LEVELS = ("opposed", "contact", "accepting", "favourable", "supports", "supports_exclusively")
CONFIDENCES = ("low", "medium", "high")
PERSON_STATUSES = ("active", "departed")
INFLUENCE_KINDS = ("advice", "technical", "personal", "political")
CONTACT_KINDS = ("visit", "meal", "call", "email", "event", "workshop", "site_visit")
