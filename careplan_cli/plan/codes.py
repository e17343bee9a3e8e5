"""The codes of the loading and schema stages, as plain constants.

The loader needs only these strings, not the rules registry: keeping them here lets a
command that reads plans without checking them (``careplan log``) skip importing every rule.
:mod:`careplan_cli.plan.rules.builtin` registers each with its explanation.
"""

from __future__ import annotations

YAML_SYNTAX = "CP001"
DUPLICATE_KEY = "CP002"
ENCODING = "CP003"
EMPTY = "CP004"
NOT_MAPPING = "CP005"
MULTIPLE_DOCUMENTS = "CP006"
TAG = "CP007"
ALIASES = "CP008"
TOO_LARGE = "CP009"
UNREADABLE = "CP010"
MERGE_CONFLICT = "CP011"
TOO_DEEP = "CP012"
SCHEMA = "CP020"
