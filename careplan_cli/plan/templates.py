"""The commented template a new plan is written from: a teaching document.

Each section says what belongs in it, in the words of the sources (the DWP guidance on care
plans and the drug-and-alcohol care-planning guide). Lists start empty so that a draft
validates; commented lines show the shape of an entry.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'()/&-]*[A-Za-z0-9.)]|[A-Za-z]")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "none", "nan", "inf"}

TYPE_TITLES = {
    "cpa": "Care Programme Approach (specialist mental health)",
    "social-care": "social care (Social Services / Social Care and Health)",
    "substance-misuse": "structured drug and alcohol treatment",
}
LEVEL_HINTS = {
    "cpa": "standard | enhanced | complex | non-cpa",
    "substance-misuse": "tier-2 | tier-3 | tier-4",
}


def scalar(value: Any) -> str:
    """A value as a YAML 1.2 scalar: plain where that is unambiguous, else double-quoted."""
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def render(values: dict[str, Any], schema_ref: str) -> str:
    """The template for ``values['type']`` with the header values filled in."""
    kind = values["type"]
    s = {k: scalar(v) for k, v in values.items()}
    level_line = (
        f"client_group: {s['client_group']}     "
        "# physical | sensory | learning-disability | older-person | mental-health\n"
        if kind == "social-care"
        else f"level: {s['level']}            # {LEVEL_HINTS[kind]}\n"
    )
    optional = "".join(
        f"  {key}: {s[key]}\n" for key in ("date_of_birth", "nhs_number") if values.get(key)
    )
    nhs_note = (
        '  # nhs_number: "999 000 0123"   # 10 digits; the last is a check digit\n'
        if not values.get("nhs_number")
        else ""
    )
    organisation = f"  organisation: {s['organisation']}\n" if values.get("organisation") else ""
    text = f"""\
# yaml-language-server: $schema={schema_ref}
# Care plan: {TYPE_TITLES[kind]}.
# Written by `careplan new`. Each section below says what belongs in it; fill it in with the
# service user, then set status to active once they have agreed the plan.
schema_version: 2
id: {s["id"]}
type: {kind}
{level_line}status: draft              # draft | active | on-hold | closed
created: {s["created"]}
start: {s["start"]}

# The plan is "agreed with the client": record when, and what they said about it.
# agreement: {{agreed: true, date: YYYY-MM-DD, service_user_comments: "..."}}
# In force without agreement (lacks capacity, Mental Health Act treatment, disagrees):
# agreement: {{agreed: false, reason_not_agreed: "...", basis: disagrees}}

service_user:
  name: {s["name"]}
{optional}{nhs_note}  # preferred_name, local_id, address, contact: how they like to be reached

# The plan reflects "the cultural and ethnic background of the service user, as well as their
# gender and sexuality". not-stated and declined are answers; leaving a field out is not.
diversity: {{}}
  # culture, ethnicity, gender, sexuality, religion, language, interpreter_needed,
  # communication_needs, how_plan_reflects

# The named person who oversees the plan and keeps contact with the service user.
coordinator:
  name: {s["coordinator"]}
  role: {s["role"]}
{organisation}
# Who else is involved, including private and voluntary agencies.
care_team: []
  # - {{id: T1, name: ..., role: GP, organisation: ..., sector: statutory}}

# Needs found by the assessment; to_be_met: false (with reason_not_met) for needs this plan
# records but does not meet.
needs: []
  # - {{id: N1, domain: accommodation, description: ..., to_be_met: true}}

strengths: []

# "The goals of treatment and milestones to be achieved, taking into account the service
# user's views and goals." Write the goal in their own words too.
goals: []
  # - id: G1
  #   description: ...
  #   in_own_words: "..."
  #   needs: [N1]
  #   status: active
  #   milestones: [{{description: ..., due: YYYY-MM-DD}}]

# "Which agency and professional is responsible for carrying out these interventions";
# interventions "should always be negotiated with those they name".
interventions: []
  # - {{id: I1, description: ..., goals: [G1], agency: ..., professional: ..., frequency: weekly,
  #    agreed_with_provider: true}}

# "Explicit references to risk management": each risk with its management plan.
risks: []
  # - {{id: R1, category: self-harm, level: low, description: ..., management: ...}}

# What to do in a crisis: early warning signs, who they respond best to, what has worked,
# and who to call. Required when any risk is high, and for enhanced and complex CPA and
# tier-3/4 plans.
# crisis_plan:
#   early_warning_signs: [...]
#   responds_best_to: ...
#   what_has_worked: ...
#   contacts: [{{name: ..., phone: ..., when: ...}}]

# What happens if the plan breaks down or the coordinator is unavailable.
# contingency_plan: ...

# "What information will be given to other professionals/agencies and under which
# circumstances", and the consent for it.
# information_sharing:
#   consent: {{status: given, date: YYYY-MM-DD}}
#   agreements: [{{information: ..., recipients: [GP], circumstances: ...}}]
{_budget(kind)}
# "The date of the next review meeting is set and recorded at each meeting."
next_review: {s["next_review"]}

# "Circumstances where other reviews may be necessary" (admission, arrest, loss of contact).
review_triggers: []

# Reviews are recorded with `careplan review`.
reviews: []

# Who was given a copy of the agreed plan (service user, carer, coordinator, GP, ...).
copies: []
"""
    return text


def _budget(kind: str) -> str:
    if kind != "social-care":
        return ""
    return """
# The personal budget that pays for the services in this plan (Care Act).
# personal_budget:
#   amount: 0.00
#   period: week
#   managed_as: direct-payment     # direct-payment | individual-service-fund | council-managed
#   breakdown: [{description: ..., amount: 0.00}]
#   assessed_contribution: {amount: 0.00, period: week, assessed_on: YYYY-MM-DD}
"""
