"""The schema's labels: each code list's words for people, beside the codes
(``enumDescriptions``, which editors show when hovering over a code), read by
:func:`careplan_cli.plan.vocabulary.labels`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from careplan_cli.plan.schema import schema
from careplan_cli.plan.vocabulary import choices, labels


def _labelled(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "enumDescriptions" in node:
            yield where, node
        for key, sub in node.items():
            yield from _labelled(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _labelled(sub, f"{where}/{index}")


def test_every_label_list_matches_its_code_list() -> None:
    found = list(_labelled(schema()))
    assert len(found) >= 20
    for where, node in found:
        assert len(node["enumDescriptions"]) == len(node["enum"]), where
        assert all(isinstance(w, str) and w.strip() for w in node["enumDescriptions"]), where


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [
        ("closure.reason", "discharged-to-gp", "Discharged to the care of the GP"),
        ("closure.reason", "died", "Died"),
        ("status", "on-hold", "On hold"),
        ("mha.section", "s17A", "Community treatment order (section 17A)"),
        ("admissions.mha_section", "s3", "Section 3 (detained in hospital for treatment)"),
        ("s117.eligible_after", "s37/41", "Section 37/41 (hospital order with restrictions)"),
        ("personal_budget.managed_as", "council-managed", "Managed by the council"),
        ("needs.eligibility_outcomes", "nutrition", "Managing and maintaining nutrition"),
        ("reviews.satisfaction.rating", "neutral", "Neither satisfied nor dissatisfied"),
        ("status_history.to", "closed", "Closed"),
    ],
)
def test_labels_in_plain_words(path: str, code: str, words: str) -> None:
    assert labels(path)[code] == words


def test_a_code_list_without_labels_is_given_its_codes_as_words() -> None:
    assert labels("goals.status")["not-achieved"] == "not achieved"
    assert tuple(labels("goals.status")) == choices("goals.status")
