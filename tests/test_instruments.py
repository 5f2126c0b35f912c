"""The bundled instruments are complete, validated data with stable ids and citations."""

from __future__ import annotations

import re
from typing import Any

import pytest

from peersupport import InvalidInput
from peersupport.assessment import Audience, Instrument, InstrumentLevel, instrument, instruments
from peersupport.assessment._prefill import PREFILLS
from peersupport.sources import SOURCES

EXPECTED = {
    "who-seven-components": InstrumentLevel.PROGRAMME,
    "working-together": InstrumentLevel.PROGRAMME,
    "workplace-policy": InstrumentLevel.PROGRAMME,
    "training-planning": InstrumentLevel.PROGRAMME,
    "ethics-to-practice": InstrumentLevel.SUPPORTER,
    "principles-of-practice": InstrumentLevel.SUPPORTER,
}


def test_the_six_instruments_ship_with_their_levels() -> None:
    assert {i.id: i.level for i in instruments()} == EXPECTED


def test_the_seven_components_are_sections_in_the_who_order() -> None:
    seven = instrument("who-seven-components")
    assert [s.id for s in seven.sections] == [
        "timing", "power", "compensation", "numbers", "wellness", "investment", "culture",
    ]  # fmt: skip
    # Every question of the self-assessment is an item: 2, 5, 3, 3, 6, 2, 5 (split one per ask).
    assert [len(s.items) for s in seven.sections] == [2, 5, 3, 3, 6, 2, 5]
    assert all(i.citation.section.startswith("12 ") for i in seven.items)
    assert all(i.scale == "yes_partly_no" for i in seven.items)


def test_the_ethics_self_check_has_the_twelve_principles_and_every_practice_item() -> None:
    ethics = instrument("ethics-to-practice")
    # The practice items of each principle in the WHO table, in its order.
    assert [len(s.items) for s in ethics.sections] == [4, 3, 4, 3, 5, 7, 5, 3, 4, 6, 5, 7]
    assert len(ethics.items) == 56
    assert len({i.citation.item for i in ethics.items}) == 12


def test_the_principles_of_practice_are_all_sixteen() -> None:
    practice = instrument("principles-of-practice")
    assert sorted(int(i.citation.item or 0) for i in practice.items) == list(range(1, 17))
    assert {i.id for i in practice.items} == {f"PRAC-{n:03d}" for n in range(1, 17)}


def test_training_planning_has_the_ten_steps_on_a_one_to_five_scale() -> None:
    plan = instrument("training-planning")
    assert [i.citation.item for i in plan.items] == [str(n) for n in range(1, 11)]
    scale = plan.scale_of(plan.items[0])
    assert scale.levels == ("5", "4", "3", "2", "1")
    assert all(scale.anchors[level] for level in scale.levels)


def test_the_policy_instrument_covers_every_section_of_the_template() -> None:
    policy = instrument("workplace-policy")
    sections = {i.citation.section for i in policy.items}
    template = {
        "Purpose", "Scope", "Roles and Responsibilities", "Peer Support Worker Eligibility",
        "Training", "Supplemental Support and Community Resources",
        "Peer Program Models and Structures", "Crisis Support", "Support Group", "Peer Mentor",
        "Peer Educator", "Evaluation", "Confidentiality", "Reporting and Recordkeeping",
    }  # fmt: skip
    assert template <= sections
    parties = {
        i.citation.item for i in policy.items if i.citation.section == "Roles and Responsibilities"
    }
    assert parties == {
        "Senior Leadership",
        "Managers/Supervisors",
        "Peer Support Workers",
        "Employees",
    }


def test_working_together_has_every_recommendation() -> None:
    together = instrument("working-together")
    # 4 founding principles, 21 suggestions (the debrief bullet asks two things), 26 practices.
    assert [len(s.items) for s in together.sections] == [4, 21, 26]


def test_every_item_has_an_id_question_scale_weight_citation_and_recommendation() -> None:
    seen: set[str] = set()
    for inst in instruments():
        for item in inst.items:
            assert re.fullmatch(rf"{inst.prefix}-\d{{3}}", item.id)
            assert item.id not in seen
            seen.add(item.id)
            assert item.question.endswith(("?", "."))
            assert 1 <= item.weight <= 3
            assert item.citation.source in SOURCES
            assert item.recommendation
            assert isinstance(item.audience, Audience)
            scale = inst.scale_of(item)
            assert set(scale.values) >= {"not_applicable", "dont_know"}


def test_every_prefill_named_by_an_item_exists_and_every_prefill_is_used() -> None:
    named = {i.prefill for inst in instruments() for i in inst.items if i.prefill}
    assert named == set(PREFILLS)


def test_only_programme_instruments_are_prefilled() -> None:
    for inst in instruments():
        if inst.level is InstrumentLevel.SUPPORTER:
            assert not any(i.prefill for i in inst.items)


def test_an_unknown_instrument_is_invalid_input_naming_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="unknown instrument") as caught:
        instrument("seven")
    assert caught.value.errors[0].loc == ("instrument_id",)


def _minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "x-test",
        "version": "1",
        "prefix": "XT",
        "title": "Test",
        "source": "working-together",
        "section": "Somewhere",
        "level": "programme",
        "default_scale": "ynp",
        "scales": [
            {
                "id": "ynp",
                "kind": "yes_partly_no",
                "anchors": {"yes": "a", "partly": "b", "no": "c"},
            }
        ],
        "sections": [
            {
                "id": "one",
                "title": "One",
                "audience": "leadership",
                "items": [
                    {"id": "XT-001", "question": "Q?", "weight": 2, "recommendation": "Do it."}
                ],
            }
        ],
    }
    data.update(changes)
    return data


def test_an_instrument_validates_and_its_items_inherit_section_defaults() -> None:
    inst = Instrument.model_validate(_minimal())
    item = inst.item("XT-001")
    assert item.audience is Audience.LEADERSHIP
    assert str(item.citation) == "working-together §Somewhere"


@pytest.mark.parametrize(
    "change",
    [
        {"scales": [{"id": "ynp", "kind": "yes_partly_no", "anchors": {"yes": "a", "no": "c"}}]},
        {"scales": [{"id": "ynp", "kind": "one_to_five", "anchors": {"1": "a"}}]},
        {"source": "made-up-source"},
        {"prefix": "OTHER"},
        {"default_scale": "missing"},
    ],
)
def test_a_broken_instrument_is_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="validation error"):
        Instrument.model_validate(_minimal(**change))
