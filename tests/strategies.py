"""Shared hypothesis strategies: valid supporters, waivers and policies, and arbitrary JSON.

Valid input is generated as plain JSON (dates as ISO strings), the way a host system sends
it; ``supporters()`` and ``waivers()`` validate it into models. Every date falls between
``EARLIEST`` and ``LATEST`` and clusters around ``REFERENCE``, and the judging days of
``as_of_dates()`` sit in the same window, so each rule sees each of its outcomes
(``tests/property/test_strategies.py`` checks that they do).

The junk strategies start from valid input and damage it: a field retyped, replaced by
arbitrary JSON, dropped, or a key added (including the health keys the models refuse).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from typing import Any, Final

from hypothesis import strategies as st

import peersupport as ps
from peersupport.model import FORBIDDEN_KEYS

__all__ = [
    "CANARY",
    "COMPETENCY_IDS",
    "CRITICAL_RULE_IDS",
    "EARLIEST",
    "LATEST",
    "MODULE_IDS",
    "REFERENCE",
    "WAIVABLE_RULE_IDS",
    "as_of_dates",
    "bad_dates",
    "canary_texts",
    "competency_ratings",
    "dates",
    "debrief_dates",
    "free_texts",
    "json_scalars",
    "json_texts",
    "json_values",
    "junk_policy_dicts",
    "junk_supporter_dicts",
    "junk_waiver_dicts",
    "mutated",
    "policies",
    "policy_dicts",
    "reordered",
    "required_texts",
    "subject_ids",
    "supporter_dicts",
    "supporters",
    "training_records",
    "tri_states",
    "waiver_dicts",
    "waivers",
]

EARLIEST: Final = date(2024, 1, 1)
LATEST: Final = date(2027, 12, 31)
REFERENCE: Final = date(2026, 1, 1)

# A string no identifier, enum value or date can contain (the snowman is outside every id
# pattern), so finding it in an output means free text leaked.
CANARY: Final = "zq\u2603canary\u2603qz"

_FRAMEWORK: Final = ps.competencies()
_CATALOGUE: Final = ps.training_modules()
COMPETENCY_IDS: Final = tuple(c.id for d in _FRAMEWORK.domains for c in d.competencies)
_BY_DOMAIN: Final = tuple(tuple(c.id for c in d.competencies) for d in _FRAMEWORK.domains)
MODULE_IDS: Final = tuple(m.id for m in _CATALOGUE.modules)
# The modules the rules look for, drawn more often than the rest of the catalogue.
_KEY_MODULES: Final = tuple(
    sorted(
        {
            *_CATALOGUE.core_ids,
            *ps.DEFAULT_POLICY.mandatory_modules,
            ps.DEFAULT_POLICY.crisis_module,
            ps.DEFAULT_POLICY.extensive_crisis_module,
            ps.DEFAULT_POLICY.family_module,
        }
    )
)
WAIVABLE_RULE_IDS: Final = tuple(r.id for r in ps.rules() if r.severity is not ps.Severity.CRITICAL)
CRITICAL_RULE_IDS: Final = tuple(r.id for r in ps.rules(severity="critical"))

_FIELD_NAMES: Final = tuple(
    sorted(
        {
            *ps.Supporter.model_fields,
            *ps.RecoveryPath.model_fields,
            *ps.SelfCarePlan.model_fields,
            *ps.CompetencyRating.model_fields,
            *ps.TrainingRecord.model_fields,
            *ps.LivedExperience.model_fields,
            *ps.Waiver.model_fields,
            *ps.Policy.model_fields,
            *FORBIDDEN_KEYS,
        }
    )
)


# --- arbitrary JSON ---------------------------------------------------------------------------


@cache
def _odd_texts() -> st.SearchStrategy[str]:
    """Strings heavy in the awkward characters: lone surrogates, controls, format, spaces.

    A lone surrogate is legal JSON (``"\\ud800"``) and ``json.loads`` returns it as is.
    """
    odd = st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]) | st.characters()
    surrogate = st.characters(categories=["Cs"])
    return st.text(odd, max_size=6) | st.builds(
        lambda a, c, b: a + c + b, st.text(max_size=3), surrogate, st.text(max_size=3)
    )


@cache
def json_scalars() -> st.SearchStrategy[Any]:
    """Null, booleans, numbers (NaN and infinities too) and strings, some of them odd."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=12),
        _odd_texts(),
        st.sampled_from(("", "2025-01-01", "2025-13-40", "true", "0", *_KEY_MODULES[:2])),
    )


@cache
def _keys() -> st.SearchStrategy[str]:
    return st.sampled_from(_FIELD_NAMES) | st.text(max_size=10)


@cache
def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Any JSON value: scalars, lists and objects nested to any depth."""
    return st.recursive(
        json_scalars(),
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(_keys(), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


@cache
def json_texts() -> st.SearchStrategy[str]:
    """Text to parse as JSON: arbitrary text, serialised JSON values and policies, long numbers.

    JSON sets no limit on the length of a number, so a few thousand digits is a valid document.
    """
    return st.one_of(
        st.text(max_size=40),
        _odd_texts(),
        json_values().map(json.dumps),
        junk_policy_dicts().map(json.dumps),
        st.integers(1, 6000).map(lambda n: "7" * n),
    )


@cache
def _kinds() -> dict[type, st.SearchStrategy[Any]]:
    return {
        bool: st.booleans(),
        int: st.integers(),
        float: st.floats(),
        str: st.text(max_size=12) | _odd_texts(),
        list: st.lists(json_values(6), max_size=3),
        dict: st.dictionaries(_keys(), json_values(6), max_size=3),
    }


def _same_type(value: Any) -> st.SearchStrategy[Any]:
    """Another JSON value of the same kind as ``value`` (often still valid, sometimes not)."""
    return _kinds().get(type(value), json_values(6))


def _slots(value: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of a JSON tree, depth first."""
    if isinstance(value, dict):
        for key, child in value.items():
            out.append((value, key))
            _slots(child, out)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.append((value, index))
            _slots(child, out)
    return out


def mutated(draw: st.DrawFn, doc: dict[str, Any], max_mutations: int = 3) -> dict[str, Any]:
    """Damage ``doc`` in place and return it: retype, replace, drop or add a few fields."""
    for _ in range(draw(st.integers(1, max_mutations))):
        slots = _slots(doc, [])
        # Retyping keeps the kind of value, so the document often stays nearly valid.
        action = draw(st.sampled_from(("retype", "retype", "replace", "drop", "add")))
        if action == "add" or not slots:
            dicts = [doc, *(c[k] for c, k in slots if isinstance(c[k], dict))]
            target = draw(st.sampled_from(dicts))
            target[draw(_keys())] = draw(json_values(6))
            continue
        container, key = draw(st.sampled_from(slots))
        if action == "drop":
            del container[key]
        elif action == "retype":
            container[key] = draw(_same_type(container[key]))
        else:
            container[key] = draw(json_values(6))
    return doc


# --- dates and text ---------------------------------------------------------------------------


@cache
def dates() -> st.SearchStrategy[date]:
    """Days between EARLIEST and LATEST, half of them in the 14 months before REFERENCE."""
    near = st.integers(-420, 60).map(lambda n: REFERENCE + timedelta(days=n))
    return near | st.dates(EARLIEST, LATEST)


@cache
def _past_dates() -> st.SearchStrategy[date]:
    return st.integers(0, 700).map(lambda n: REFERENCE - timedelta(days=n))


@cache
def as_of_dates() -> st.SearchStrategy[date]:
    """Days to judge on: mostly the months around REFERENCE, sometimes anywhere in range."""
    return st.dates(date(2025, 9, 1), date(2026, 4, 30)) | st.dates(EARLIEST, LATEST)


def _iso(days: st.SearchStrategy[date]) -> st.SearchStrategy[str]:
    return days.map(date.isoformat)


@cache
def bad_dates() -> st.SearchStrategy[Any]:
    """Values that are not a date in any form pydantic accepts."""
    return st.one_of(
        st.sampled_from(("2025-02-30", "2025-13-01", "yesterday", "", "01/02/2025", "2025-1-1")),
        st.text(max_size=10).map(lambda s: "x" + s),
        st.lists(st.just("2025-01-01"), min_size=1, max_size=2),
        st.just({"year": 2025}),
    )


@cache
def free_texts(max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text as a person types it (no lone surrogates: those are not text)."""
    return st.text(max_size=max_size)


@cache
def required_texts(max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text with at least one character that is not white space."""
    return st.text(min_size=1, max_size=max_size).filter(lambda s: s.strip() != "")


@cache
def canary_texts() -> st.SearchStrategy[str]:
    """Free text with CANARY somewhere in it."""
    return st.tuples(free_texts(10), free_texts(10)).map(lambda t: t[0] + CANARY + t[1])


@cache
def subject_ids() -> st.SearchStrategy[str]:
    """Identifiers the Supporter model accepts."""
    return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:@/-]{0,15}", fullmatch=True)


@cache
def tri_states() -> st.SearchStrategy[bool | None]:
    """A yes/no answer that may be unknown; yes half of the time."""
    return st.sampled_from((True, True, False, None))


# --- supporters -------------------------------------------------------------------------------


_RATERS: Final = tuple(r.value for r in ps.Rater)


def _rating(competency: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    # Few draws per rating (ratings are the bulk of a supporter); nearly all are in the past.
    return st.builds(
        lambda c, level, rater, days: {
            "competency": c,
            "level": level,
            "rater": rater,
            "rated_on": (REFERENCE - timedelta(days=days)).isoformat(),
        },
        competency,
        st.integers(1, 5),
        st.sampled_from(_RATERS),
        st.integers(-100, 700),
    )


@st.composite
def competency_ratings(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Ratings that usually cover every domain, with extra ratings of any competency."""
    if draw(st.integers(0, 5)) == 0:
        return []
    domains = draw(st.just(len(_BY_DOMAIN)) | st.integers(0, len(_BY_DOMAIN)))
    out = [draw(rating) for rating in _DOMAIN_RATINGS[:domains]]
    out += draw(st.lists(_ANY_RATING, max_size=3))
    return out


# Built once: building strategies inside a composite costs more than drawing from them.
_DOMAIN_RATINGS: Final = tuple(_rating(st.sampled_from(domain)) for domain in _BY_DOMAIN)
_ANY_RATING: Final = _rating(st.sampled_from(COMPETENCY_IDS))


@cache
def training_records(
    providers: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """A completed module, the ones the rules read drawn most often."""
    modules = st.sampled_from(_KEY_MODULES) | st.sampled_from(MODULE_IDS)
    return st.fixed_dictionaries(
        {"module": modules, "completed_on": _iso(dates())},
        optional={"provider": providers if providers is not None else st.none() | free_texts()},
    )


def _plus_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


@st.composite
def debrief_dates(draw: st.DrawFn) -> list[str]:
    """A run of monthly debriefs with a few gaps, plus some odd dates."""
    start = draw(dates())
    months = draw(st.integers(0, 24))
    skipped = draw(st.sets(st.integers(0, 24), max_size=2))
    series = [_plus_months(start, i) for i in range(months) if i not in skipped]
    extra = draw(st.lists(dates(), max_size=3))
    return [d.isoformat() for d in series + extra]


@cache
def _lived_experience() -> st.SearchStrategy[list[dict[str, Any]] | None]:
    one = st.fixed_dictionaries(
        {"relation": st.sampled_from([r.value for r in ps.ExperienceRelation])},
        optional={
            "areas": st.lists(
                st.sampled_from([a.value for a in ps.ExperienceArea]), unique=True, max_size=4
            )
        },
    )
    return st.one_of(st.none(), st.just([]), st.lists(one, min_size=1, max_size=3))


@cache
def _often(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``strategy`` two times in three, else None."""
    return st.one_of(st.none(), strategy, strategy)


@st.composite
def _curriculum(draw: st.DrawFn, started_on: date | None) -> list[dict[str, Any]]:
    """The records of a well-kept training history: mandatory modules before the start date,
    and a recent round of the modules the rules read.
    """
    start = started_on or REFERENCE
    done = [
        (m, start - timedelta(days=draw(st.integers(1, 200))))
        for m in ps.DEFAULT_POLICY.mandatory_modules
    ]
    recent = draw(st.lists(st.sampled_from(_KEY_MODULES), unique=True, min_size=1))
    done += [(m, REFERENCE - timedelta(days=draw(st.integers(-30, 200)))) for m in recent]
    return [{"module": m, "completed_on": day.isoformat()} for m, day in done]


@cache
def _supporter_core() -> st.SearchStrategy[dict[str, Any]]:
    """Everything of a supporter but the dated history, which ``supporter_dicts`` adds."""
    return st.fixed_dictionaries(
        {
            "id": subject_ids(),
            "roles": st.lists(st.sampled_from([r.value for r in ps.Role]), unique=True, max_size=4),
            "selection": _often(st.sampled_from([m.value for m in ps.SelectionMethod])),
            "lived_experience": _lived_experience(),
            "recovery": _often(
                st.fixed_dictionaries(
                    {"on_path": tri_states()}, optional={"description": free_texts()}
                )
            ),
            "self_care": _often(
                st.fixed_dictionaries(
                    {"has_plan": tri_states(), "resilience_strategies": tri_states()},
                    optional={
                        "reviewed_on": st.none() | _iso(dates()),
                        "description": free_texts(),
                    },
                )
            ),
            "aware_of_stress_limits": tri_states(),
            "competencies": competency_ratings(),
        },
        optional={"display_name": st.none() | free_texts()},
    )


@st.composite
def supporter_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A valid supporter as plain JSON: roles, selection, experience, plans, ratings, trainings.

    Some have a well-kept training and debrief history, so the training rules can be met;
    keys whose value is the default are sometimes left out, as a host system would.
    """
    data = draw(_supporter_core())
    started_on: date | None = draw(_often(dates()))
    trainings = draw(st.lists(training_records(), max_size=6))
    debriefs = draw(debrief_dates())
    if draw(st.booleans()):
        trainings = draw(_curriculum(started_on)) + trainings
        if started_on is not None:
            debriefs += [_plus_months(started_on, i).isoformat() for i in range(24)]
    data["trainings"] = trainings
    data["debriefs_attended"] = debriefs
    data["started_on"] = started_on.isoformat() if started_on else None
    defaults = sorted(k for k, v in data.items() if k != "id" and v in (None, []))
    if defaults:
        for key in draw(st.sets(st.sampled_from(defaults))):
            del data[key]
    return data


@cache
def supporters() -> st.SearchStrategy[ps.Supporter]:
    """Valid supporters as models."""
    return supporter_dicts().map(ps.Supporter.model_validate)


@st.composite
def junk_supporter_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A supporter-shaped mapping with junk in a few random fields."""
    return mutated(draw, draw(supporter_dicts()))


# --- policies and waivers ---------------------------------------------------------------------


@cache
def policy_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """Valid policy overrides of the thresholds the eligibility and training rules read."""
    return st.fixed_dictionaries(
        {},
        optional={
            "retraining_interval_days": st.integers(30, 800),
            "debrief_interval_months": st.integers(1, 3),
            "debrief_review_months": st.integers(1, 6),
            "allowed_selection": st.lists(
                st.sampled_from([m.value for m in ps.SelectionMethod]), min_size=1, unique=True
            ),
            "competency_threshold": st.integers(1, 5),
        },
    )


@cache
def policies() -> st.SearchStrategy[ps.Policy]:
    """Valid policies."""
    return policy_dicts().map(ps.Policy.from_mapping)


@st.composite
def junk_policy_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A full policy mapping with junk in a few random fields."""
    doc: dict[str, Any] = {**ps.DEFAULT_POLICY.model_dump(mode="json"), **draw(policy_dicts())}
    return mutated(draw, doc, max_mutations=2)


@cache
def waiver_dicts(
    *,
    rule_ids: st.SearchStrategy[str] | None = None,
    subjects: st.SearchStrategy[str | None] | None = None,
    expires: st.SearchStrategy[date] | None = None,
    justifications: st.SearchStrategy[str] | None = None,
    approvers: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid waivers as plain JSON, of non-critical rules unless ``rule_ids`` says otherwise.

    Without ``subjects`` a waiver covers every subject or a random id; expiry dates default
    to the months around REFERENCE, so some have expired on an ``as_of_dates()`` day.
    """
    subject = subjects if subjects is not None else st.none() | subject_ids()
    return st.fixed_dictionaries(
        {
            "rule_id": rule_ids if rule_ids is not None else st.sampled_from(WAIVABLE_RULE_IDS),
            "justification": justifications if justifications is not None else required_texts(),
            "approved_by": approvers if approvers is not None else required_texts(),
            "expires": _iso(
                expires if expires is not None else st.dates(date(2025, 8, 1), date(2026, 6, 30))
            ),
        },
        optional={"subject": subject},
    )


def waivers(**kwargs: Any) -> st.SearchStrategy[ps.Waiver]:
    """Valid waivers as models; the arguments are those of :func:`waiver_dicts`."""
    return waiver_dicts(**kwargs).map(ps.Waiver.model_validate)


@st.composite
def junk_waiver_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A waiver-shaped mapping with junk in a few random fields."""
    return mutated(draw, draw(waiver_dicts()))


# --- reordering -------------------------------------------------------------------------------


@st.composite
def reordered(draw: st.DrawFn, value: Any) -> Any:
    """The same JSON value with the keys of every object, at every depth, in another order."""
    if isinstance(value, dict):
        keys = draw(st.permutations(list(value)))
        return {k: draw(reordered(value[k])) for k in keys}
    if isinstance(value, list):
        return [draw(reordered(v)) for v in value]
    return value
