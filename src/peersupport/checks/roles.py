"""Role consistency: is a task consistent with the peer role? (``ROLE-*``).

A task arrives as a :class:`~peersupport.model.task.Task`, a mapping or a plain description.
Its structured fields and the cues found in its description become :class:`TaskFacts`; the
``ROLE-*`` rules read those facts, and the verdict follows from the rules' findings:

- any rule ``not_met`` -> ``inconsistent`` (an inconsistent cue wins over consistent ones, and
  the reasons show both);
- else any ``needs_review`` -> ``needs_review`` (a needed fact is unknown);
- else some rule ``met`` -> ``consistent``; a task nothing could be placed for is never
  consistent (``ROLE-010``).

Free text is matched with the phrase pack (``data/roles_phrases.yaml``) through
:mod:`peersupport.text`. Structured verdicts are memoised per policy, because the decision
table is finite; the table and the phrase index are compiled once, on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from functools import cache, cached_property
from itertools import starmap
from operator import itemgetter
from typing import Any, ClassVar, Final

import attrs

from peersupport._errors import ErrorDetail, InvalidInput
from peersupport.checks._common import coerce_model
from peersupport.engine import (
    Evaluation,
    Finding,
    Outcome,
    Rule,
    RuleSet,
    Severity,
    canonical_json,
)
from peersupport.model.task import (
    Activity,
    CueKind,
    Frequency,
    Requester,
    RoleTable,
    Stance,
    Task,
    TaskReason,
    role_phrases,
    role_table,
)
from peersupport.policy import Policy, coerce_policy
from peersupport.sources import cite
from peersupport.text import (
    NEGATED,
    NEGATOR,
    NEGATORS,
    QUOTED,
    PhraseIndex,
    Tokens,
    compile_pattern,
)
from peersupport.text import tokenize as _tokenize

__all__ = [
    "ROLES",
    "Consistency",
    "Cue",
    "RoleVerdict",
    "TaskFacts",
    "Trap",
    "assess_task",
    "assess_tasks",
    "reset_caches",
    "role_table_markdown",
    "task_facts",
]

MET, NOT_MET, REVIEW, NA = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NEEDS_REVIEW,
    Outcome.NOT_APPLICABLE,
)


class Consistency(StrEnum):
    """The verdict on a task."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NEEDS_REVIEW = "needs_review"


class Trap(StrEnum):
    """The three traps of misusing a peer supporter (WHO QualityRights, section 12)."""

    BUSY_WORK = "busy_work"
    MIXED_LOYALTIES = "mixed_loyalties"
    POWER_IMBALANCE = "power_imbalance"


# --- facts -----------------------------------------------------------------------------------

FIELD: Final = "field"
TEXT: Final = "text"


@attrs.frozen(slots=True)
class Cue:
    """One fact about a task: a structured field, a phrase found in the text, or an implication.

    ``pattern`` names the phrase-pack pattern (``activity.diagnose.0``) and ``span`` the
    characters it matched; neither holds the text itself.
    """

    kind: CueKind
    value: str
    origin: str
    pattern: str | None = None
    span: tuple[int, int] | None = None
    first: int = -1
    last: int = -1
    sentence: int = -1

    def evidence(self) -> dict[str, Any]:
        """Plain JSON-ready form for a finding's evidence."""
        out: dict[str, Any] = {"kind": self.kind.value, "value": self.value, "origin": self.origin}
        if self.pattern is not None:
            out["pattern"] = self.pattern
        if self.span is not None:
            out["span"] = self.span
        return out


@attrs.frozen(slots=True)
class TaskFacts:
    """What is known about a task: the cues the rules read, sorted by how they count.

    ``positive`` cues count; ``held`` are inconsistent activity cues inside quotation marks
    or a question (they send the task to review); ``negated`` cues ("does not administer")
    never make a task consistent; ``others`` are acts the text gives to someone else.
    """

    positive: tuple[Cue, ...] = ()
    held: tuple[Cue, ...] = ()
    negated: tuple[Cue, ...] = ()
    others: tuple[Cue, ...] = ()

    @property
    def activities(self) -> tuple[str, ...]:
        """The positive activities, each once, in order."""
        return tuple(dict.fromkeys(c.value for c in self.positive if c.kind is CueKind.ACTIVITY))

    def values(self, kind: CueKind) -> frozenset[str]:
        """The positive values of one kind of cue."""
        return frozenset(c.value for c in self.positive if c.kind is kind)

    def cues(self, kind: CueKind) -> tuple[Cue, ...]:
        """The positive cues of one kind."""
        return tuple(c for c in self.positive if c.kind is kind)


# --- compiled data ---------------------------------------------------------------------------

_NEGATOR_WORDS: Final = NEGATORS | {"n't"}
_NO_WORDS: Final[frozenset[str]] = frozenset()
_ORGANISATIONAL: Final = frozenset({Requester.STAFF.value, Requester.SUPERVISOR.value})
_ASSIGNED_REASONS: Final = frozenset(
    {TaskReason.TREATMENT_PLAN.value, TaskReason.STAFF_INSTRUCTION.value}
)
_NO_CONSENT: Final = TaskReason.WITHOUT_PEER_CONSENT.value
_REQUESTER_ORDER: Final = ("supervisor", "staff", "self", "peer")
_REASON_ORDER: Final = (
    "without_peer_consent",
    "staff_instruction",
    "treatment_plan",
    "no_one_else",
    "peer_asked",
    "other",
)
# How far back a negator reaches (the tokenizer's reach, plus the token it sits on).
_NEGATION_LOOKBACK: Final = 6
# What a report would carry: "he hasn't been taking his meds" is adherence news all the same.
_INFORMATION: Final = frozenset({CueKind.ADHERENCE, CueKind.DISCLOSURE})
# An act right after a phrase naming someone else ("the nurse gave out") is theirs.
_ACTOR_REACH: Final = 2

PatternKey = tuple[CueKind, str, int]


@attrs.frozen(eq=False)
class _Pack:
    """The role table and phrase index, compiled once."""

    table: RoleTable
    index: PhraseIndex[PatternKey]
    spelled_negators: Mapping[PatternKey, frozenset[str]]
    names: Mapping[PatternKey, str]
    stance: Mapping[str, Stance]
    group: Mapping[str, str]
    combinations: tuple[tuple[str, frozenset[CueKind], frozenset[CueKind]], ...]
    # The cues each activity implies ("file_occasionally" -> frequency occasional), if any.
    implies: Mapping[str, tuple[tuple[CueKind, str], ...]]


@cache
def _pack() -> _Pack:
    table = role_table()
    phrases = role_phrases()
    entries = phrases.entries()
    keys: list[tuple[PatternKey, str]] = [((k, v, i), p) for k, v, i, p in entries]
    spelled: dict[PatternKey, frozenset[str]] = {}
    for key, pattern in keys:
        words: set[str] = set()
        for element in compile_pattern(pattern, phrases.lexicon):
            if element.words is not None:
                words |= element.words & _NEGATOR_WORDS
        if words:
            spelled[key] = frozenset(words)
    return _Pack(
        table=table,
        index=PhraseIndex.build(keys, phrases.lexicon),
        spelled_negators=spelled,
        names={key: f"{key[0].value}.{key[1]}.{key[2]}" for key, _ in keys},
        stance={a.id: a.stance for a in table.activities},
        group={a.id: a.group for a in table.activities},
        combinations=tuple(
            (c.activity, frozenset(c.all_of), frozenset(c.any_of)) for c in phrases.combinations
        ),
        implies={
            a.id: tuple((CueKind(k), v) for k, v in a.implies.items())
            for a in table.activities
            if a.implies
        },
    )


# --- from text to facts ----------------------------------------------------------------------


class _Match:
    """A phrase found in a task's text: its pattern key, tokens, span and scope.

    A plain slotted class, not frozen: one is made per phrase found, on the hot path, and
    none is changed after it is made.
    """

    __slots__ = ("first", "held", "key", "kind", "last", "negated", "sentence", "span", "value")

    def __init__(  # noqa: PLR0917 - the fields, in order
        self,
        key: PatternKey,
        first: int,
        last: int,
        span: tuple[int, int],
        sentence: int,
        negated: bool,  # noqa: FBT001 - a field, given by position or name
        held: bool,  # noqa: FBT001 - a field, given by position or name
    ) -> None:
        self.key = key
        self.first = first
        self.last = last
        self.span = span
        self.sentence = sentence
        self.negated = negated
        self.held = held
        # Copies of key[0] and key[1]: read in every loop below.
        self.kind: CueKind = key[0]
        self.value: str = key[1]


def _negated(tokens: Tokens, first: int, last: int, spelled: frozenset[str], absorbed: Any) -> bool:
    """Whether a match is negated, ignoring negators a pattern spells out for itself."""
    flags, norms = tokens.flags, tokens.norms
    for j in range(first + 1, last + 1):
        if flags[j] & NEGATOR and norms[j] not in spelled:
            return True
    if not flags[first] & NEGATED:
        return False
    for j in range(first - 1, max(-1, first - 1 - _NEGATION_LOOKBACK), -1):
        if flags[j] & NEGATOR:
            # "Nobody else will answer the phones": the negator belongs to another cue.
            return not absorbed(j)
    return True


# The token flag values that include QUOTED: a set test finds a quoted token in C.
_QUOTED_FLAGS: Final = frozenset(f for f in range(256) if f & QUOTED)


def _never(_j: int) -> bool:
    return False


def _text_matches(text: str, pack: _Pack) -> list[_Match]:
    tokens = _tokenize(text)
    found = pack.index.find_raw(tokens)
    if not found:
        return []
    flags, sentences = tokens.flags, tokens.sentences
    starts, ends, questions = tokens.starts, tokens.ends, tokens.questions
    out = []
    if not any(flags):
        # No quotation and no negation anywhere (most texts): only a question holds a match.
        for key, first, last in found:
            sentence = sentences[first]
            if sentences[last] == sentence:
                span = (starts[first], ends[last])
                held = sentence in questions
                out.append(_Match(key, first, last, span, sentence, negated=False, held=held))
        return out
    spelled = pack.spelled_negators
    norms = tokens.norms
    absorbing = [
        (first, last, spelled[key])
        for key, first, last in found
        if key in spelled and _QUOTED_FLAGS.isdisjoint(flags[first : last + 1])
    ]
    absorbed: Callable[[int], bool] = _never
    if absorbing:

        def absorbed(j: int) -> bool:
            return any(a <= j <= b and norms[j] in words for a, b, words in absorbing)

    any_quoted = not _QUOTED_FLAGS.isdisjoint(flags)
    for key, first, last in found:
        sentence = sentences[first]
        if sentences[last] != sentence:
            continue  # a phrase does not run across a sentence or a line break
        held = sentence in questions or (
            any_quoted and not _QUOTED_FLAGS.isdisjoint(flags[first : last + 1])
        )
        negated = _negated(tokens, first, last, spelled.get(key, _NO_WORDS), absorbed)
        span = (starts[first], ends[last])
        out.append(_Match(key, first, last, span, sentence, negated, held))
    return out


def _drop_contained(matches: list[_Match], stance: Mapping[str, Stance]) -> list[_Match]:
    """Drop a match strictly inside another of the same kind and a different value.

    An inconsistent activity is never dropped this way: an inconsistent cue always counts.
    """
    if len(matches) < 2:  # noqa: PLR2004 - containment needs two
        return matches
    out = []
    for m in matches:
        if m.kind is CueKind.ACTIVITY and stance[m.value] is Stance.INCONSISTENT:
            out.append(m)
            continue
        kind, value, first, last = m.kind, m.value, m.first, m.last
        for o in matches:
            if (
                o.kind is kind
                and o.first <= first
                and last <= o.last
                and (o.first != first or o.last != last)
                and o.value != value
                and not o.negated
            ):  # m lies strictly inside o
                break
        else:
            out.append(m)
    return out


def _combine(matches: list[_Match], pack: _Pack, kinds: set[CueKind]) -> list[_Match]:
    """Join the parts of a combination found in one sentence into an activity.

    ``kinds`` holds (at least) the kinds of ``matches``.
    """
    extra: list[_Match] = []
    for activity, all_of, any_of in pack.combinations:
        if not all_of <= kinds:
            continue  # a part is missing from the whole text, so from every sentence
        by_sentence: dict[int, list[_Match]] = {}
        for m in matches:
            usable = not m.negated or m.kind in _INFORMATION
            if usable and (m.kind in all_of or m.kind in any_of):
                by_sentence.setdefault(m.sentence, []).append(m)
        for sentence, parts in by_sentence.items():
            kinds = {p.kind for p in parts}
            if not all_of <= kinds or (any_of and not any_of & kinds):
                continue
            first = min(p.first for p in parts)
            last = max(p.last for p in parts)
            span = (min(p.span[0] for p in parts), max(p.span[1] for p in parts))
            extra.append(
                _Match(
                    (CueKind.ACTIVITY, activity, -1),
                    first,
                    last,
                    span,
                    sentence,
                    negated=False,
                    held=any(p.held for p in parts),
                )
            )
    return extra


def _split_actors(matches: list[_Match]) -> tuple[list[_Match], list[_Match]]:
    """Set aside activities that a phrase gives to someone else ("the nurse gave out")."""
    actors = [
        (m.first, m.last + _ACTOR_REACH)
        for m in matches
        if m.kind is CueKind.ACTOR and not m.negated and not m.held
    ]
    if not actors:
        return matches, []
    kept: list[_Match] = []
    others: list[_Match] = []
    for m in matches:
        theirs = m.kind is CueKind.ACTIVITY and any(a <= m.first <= b for a, b in actors)
        (others if theirs else kept).append(m)
    return kept, others


def _drop_voiced_outputs(matches: list[_Match], pack: _Pack) -> list[_Match]:
    """Drop output cues inside a voice activity: in "helped her tell her nurse" the peer speaks."""
    voice = [
        (m.first, m.last)
        for m in matches
        if m.kind is CueKind.ACTIVITY
        and not m.negated
        and not m.held
        and pack.table.by_id[m.value].output_ok
    ]
    if not voice:
        return matches
    return [
        m
        for m in matches
        if m.kind is not CueKind.OUTPUT_TO_STAFF or not any(a < m.first <= b for a, b in voice)
    ]


# A cue before it is made an object: Cue's fields, in order. Most verdicts are remembered
# decisions that read only kind, value and origin, so the hot path works on these tuples and
# makes the Cue objects only when the facts themselves are wanted.
_Row = tuple[CueKind, str, str, str | None, tuple[int, int] | None, int, int, int]
# Positive, held, negated and others' rows.
_Rows = tuple[list[_Row], list[_Row], list[_Row], list[_Row]]


def _row(m: _Match, pack: _Pack) -> _Row:
    if m.key[2] < 0:
        return (m.kind, m.value, TEXT, f"combination.{m.value}", m.span, m.first, m.last, -1)
    return (m.kind, m.value, TEXT, pack.names[m.key], m.span, m.first, m.last, m.sentence)


def _text_rows(text: str, pack: _Pack) -> _Rows:
    """Positive, held, negated and others' cues found in a description, as rows."""
    matches = _text_matches(text, pack)
    if not matches:
        return [], [], [], []
    # The kinds found: a step whose kinds are absent changes nothing and is skipped (each
    # step only removes matches, so what is absent here is absent after it too).
    kinds = {m.kind for m in matches}
    others: list[_Match] = []
    if CueKind.ACTOR in kinds:
        matches, others = _split_actors(matches)
    if len(kinds) < len(matches):  # containment needs two of one kind
        matches = _drop_contained(matches, pack.stance)
    if CueKind.OUTPUT_TO_STAFF in kinds:
        matches = _drop_voiced_outputs(matches, pack)
    matches += _combine(matches, pack, kinds)
    positive: list[_Row] = []
    held: list[_Row] = []
    negated: list[_Row] = []
    for m in matches:
        kind = m.kind
        if kind is CueKind.ACTOR:
            continue
        if m.negated and kind not in _INFORMATION:
            negated.append(_row(m, pack))
        elif m.held:
            # Quoted or asked about: an inconsistent act is held for review; anything
            # else in quotation or a question is not the supporter's own account.
            if kind is CueKind.ACTIVITY and pack.stance[m.value] is not Stance.CONSISTENT:
                held.append(_row(m, pack))
        else:
            positive.append(_row(m, pack))
    return positive, held, negated, [_row(m, pack) for m in others]


def _field_rows(task: Task) -> list[_Row]:
    rows: list[_Row] = []
    if task.activity is not None:
        rows.append((CueKind.ACTIVITY, task.activity, FIELD, "activity", None, -1, -1, -1))
    if task.requested_by is not None:
        value = task.requested_by.value
        rows.append((CueKind.REQUESTED_BY, value, FIELD, "requested_by", None, -1, -1, -1))
    if task.frequency is not None:
        value = task.frequency.value
        rows.append((CueKind.FREQUENCY, value, FIELD, "frequency", None, -1, -1, -1))
    if task.reason is not None:
        rows.append((CueKind.REASON, task.reason.value, FIELD, "reason", None, -1, -1, -1))
    if task.output_to_staff is not None:
        value = "yes" if task.output_to_staff else "no"
        rows.append((CueKind.OUTPUT_TO_STAFF, value, FIELD, "output_to_staff", None, -1, -1, -1))
    if task.peer_reservations is not None:
        value = "yes" if task.peer_reservations else "no"
        rows.append((CueKind.RESERVATIONS, value, FIELD, "peer_reservations", None, -1, -1, -1))
    return rows


def _fact_rows(task: Task, text: str | None = None) -> _Rows:
    """The rows of :func:`task_facts`: positive, held, negated and others'."""
    pack = _pack()
    positive = _field_rows(task)
    held: list[_Row] = []
    negated: list[_Row] = []
    others: list[_Row] = []
    description = task.description if text is None else text
    if description:
        p, held, negated, others = _text_rows(description, pack)
        positive += p
    activity = CueKind.ACTIVITY
    activities = [r[1] for r in positive if r[0] is activity]
    if not activities and not held:
        implied = None
        if task.topic is not None:
            implied = pack.table.topic_activities.get(task.topic)
        if implied is not None:
            positive.append((activity, implied, "topic", "topic", None, -1, -1, -1))
            activities.append(implied)
        elif any(
            r[0] is CueKind.REQUESTED_BY and r[1] == "peer" and r[2] == TEXT for r in positive
        ):
            # Something the peer asked for, that no phrase names: help at their request.
            positive.append((activity, "help_at_request", "request", None, None, -1, -1, -1))
            activities.append("help_at_request")
    implies = pack.implies
    for value in activities:
        implied_cues = implies.get(value)
        if implied_cues:
            positive += [(k, v, "activity", value, None, -1, -1, -1) for k, v in implied_cues]
    return positive, held, negated, others


def _facts_of(rows: _Rows) -> TaskFacts:
    positive, held, negated, others = rows
    return TaskFacts(
        tuple(starmap(Cue, positive)),
        tuple(starmap(Cue, held)),
        tuple(starmap(Cue, negated)),
        tuple(starmap(Cue, others)),
    )


def task_facts(task: Task, text: str | None = None) -> TaskFacts:
    """The facts the ``ROLE-*`` rules read about a validated task.

    ``text`` defaults to the task's description.
    """
    return _facts_of(_fact_rows(task, text))


# --- the rules -------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class RoleContext:
    """What the ``ROLE-*`` rules read besides the facts: the policy and the compiled table."""

    policy: Policy
    peer_request: frozenset[str]


def _evidence(cues: Iterable[Cue], **extra: Any) -> dict[str, Any]:
    cues = tuple(cues)
    out: dict[str, Any] = {
        "activities": tuple(dict.fromkeys(c.value for c in cues if c.kind is CueKind.ACTIVITY)),
        "cues": tuple(c.evidence() for c in cues),
    }
    out.update(extra)
    return out


def _traps(pack: _Pack, activities: Iterable[str]) -> tuple[str, ...]:
    found: set[str] = set()
    for a in activities:
        found.update(pack.table.by_id[a].traps)
    return tuple(sorted(found))


def _in_group(cues: Iterable[Cue], pack: _Pack, group: str) -> list[Cue]:
    return [c for c in cues if c.kind is CueKind.ACTIVITY and pack.group[c.value] == group]


def _assigned(f: TaskFacts) -> list[Cue]:
    return [
        c
        for c in f.positive
        if (c.kind is CueKind.REQUESTED_BY and c.value in _ORGANISATIONAL)
        or (c.kind is CueKind.REASON and (c.value in _ASSIGNED_REASONS or c.value == _NO_CONSENT))
    ]


def _asked(f: TaskFacts) -> list[Cue]:
    return [
        c
        for c in f.positive
        if (c.kind is CueKind.REQUESTED_BY and c.value == Requester.PEER.value)
        or (c.kind is CueKind.REASON and c.value == TaskReason.PEER_ASKED.value)
    ]


def _group_check(group: str) -> Callable[[TaskFacts, RoleContext], Evaluation]:
    """A rule that an activity of ``group`` is never part of the peer role."""

    def check(f: TaskFacts, c: RoleContext) -> Evaluation:
        del c
        pack = _pack()
        hits = _in_group(f.positive, pack, group)
        if hits:
            activities = tuple(dict.fromkeys(h.value for h in hits))
            return Evaluation(NOT_MET, "found", _evidence(hits, traps=_traps(pack, activities)))
        held = _in_group(f.held, pack, group)
        if held:
            return Evaluation(REVIEW, "held", _evidence(held))
        negated = _in_group(f.negated, pack, group)
        if negated:
            return Evaluation(MET, "negated", _evidence(negated))
        return Evaluation(NA, "not_applicable", {})

    return check


def _reporting(f: TaskFacts, c: RoleContext) -> Evaluation:
    found = _group_check("surveillance")(f, c)
    if found.outcome is NOT_MET or found.outcome is REVIEW:
        return found
    pack = _pack()
    outputs = [cue for cue in f.cues(CueKind.OUTPUT_TO_STAFF) if cue.value == "yes"]
    acts = [cue for cue in f.positive if cue.kind is CueKind.ACTIVITY]
    if outputs and not (acts and all(pack.table.by_id[a.value].output_ok for a in acts)):
        assigned = _assigned(f)
        if assigned:
            evidence = _evidence([*acts, *outputs, *assigned], traps=(Trap.MIXED_LOYALTIES.value,))
            return Evaluation(NOT_MET, "output_assigned", evidence)
        asked = _asked(f)
        if asked:
            return Evaluation(MET, "output_asked", _evidence([*acts, *outputs, *asked]))
        return Evaluation(REVIEW, "output_unknown", _evidence([*acts, *outputs]))
    return found


def _office(f: TaskFacts, c: RoleContext) -> Evaluation:
    pack = _pack()
    acts = _in_group(f.positive, pack, "office")
    if not acts:
        return _group_check("office")(f, c)
    freq = f.cues(CueKind.FREQUENCY)
    busy = [
        cue
        for cue in (*freq, *f.cues(CueKind.REASON))
        if cue.value in {Frequency.ROUTINE.value, TaskReason.NO_ONE_ELSE.value}
    ]
    if busy:
        return Evaluation(NOT_MET, "busy", _evidence([*acts, *busy], traps=(Trap.BUSY_WORK.value,)))
    if not c.policy.roles_office_help_allowed:
        return Evaluation(REVIEW, "not_allowed", _evidence(acts))
    occasional = [cue for cue in freq if cue.value == Frequency.OCCASIONAL.value]
    if occasional:
        return Evaluation(MET, "occasional", _evidence([*acts, *occasional]))
    return Evaluation(REVIEW, "frequency_unknown", _evidence(acts))


def _assistance(f: TaskFacts, c: RoleContext) -> Evaluation:
    pack = _pack()
    acts = _in_group(f.positive, pack, "assistance")
    if not acts:
        return Evaluation(NA, "not_applicable", {})
    assigned = _assigned(f)
    if assigned:
        evidence = _evidence([*acts, *assigned], traps=(Trap.MIXED_LOYALTIES.value,))
        return Evaluation(NOT_MET, "assigned", evidence)
    asked = _asked(f)
    if asked:
        return Evaluation(MET, "asked", _evidence([*acts, *asked]))
    needs_request = [a for a in acts if a.value in c.peer_request]
    if needs_request:
        own = [cue for cue in f.cues(CueKind.REQUESTED_BY) if cue.value == Requester.SELF.value]
        return Evaluation(REVIEW, "self" if own else "unknown", _evidence([*needs_request, *own]))
    return Evaluation(NA, "not_applicable", {})


def _medication(f: TaskFacts, c: RoleContext) -> Evaluation:
    pack = _pack()
    acts = _in_group(f.positive, pack, "medication_talk")
    promote = [a for a in acts if a.value == "promote_adherence"]
    if promote:
        reservations = f.cues(CueKind.RESERVATIONS)
        voiced = [r for r in reservations if r.value == "yes"]
        if voiced:
            traps = _traps(pack, ["promote_adherence"])
            return Evaluation(
                NOT_MET, "against_reservations", _evidence([*promote, *voiced], traps=traps)
            )
        assigned = _assigned(f)
        if assigned:
            return Evaluation(REVIEW, "assigned", _evidence([*promote, *assigned]))
        none = [r for r in reservations if r.value == "no"]
        if none:
            return Evaluation(MET, "no_reservations", _evidence([*promote, *none]))
        return Evaluation(REVIEW, "reservations_unknown", _evidence(promote))
    if acts:
        return Evaluation(MET, "own_view", _evidence(acts))
    return _group_check("medication_talk")(f, c)


def _placed(f: TaskFacts, c: RoleContext) -> Evaluation:
    del c
    pack = _pack()
    acts = [cue for cue in f.positive if cue.kind is CueKind.ACTIVITY]
    consistent = [a for a in acts if pack.stance[a.value] is Stance.CONSISTENT]
    if consistent:
        return Evaluation(MET, "placed", _evidence(consistent))
    if acts or f.held:
        return Evaluation(NA, "not_applicable", {})
    return Evaluation(
        REVIEW,
        "unplaced",
        _evidence(f.negated, negated=len(f.negated), others=len(f.others)),
    )


_W12 = "12 Good use and misuse of peer supporters"
_W6 = "6 From ethics to practice"
_WHO = "who-qualityrights-one-to-one"
_CAMPUS = "campus-orientation"
_PRINCIPLES = "Peer Support Volunteer Principles of Practice"
_NA_MESSAGE = "Does not apply to this task."

ROLES: Final[RuleSet[TaskFacts, RoleContext]] = RuleSet.of(
    "roles",
    "1",
    [
        Rule(
            id="ROLE-001",
            title="No clinical or medical acts",
            severity=Severity.CRITICAL,
            citations=(
                cite(_WHO, _W6, "embody equality 4"),
                cite(_WHO, "5 Misconceptions about peer support", "same role as staff"),
                cite(_WHO, _W12, "medications"),
                cite("workplace-ptsd-program", "Roles and Responsibilities"),
            ),
            rationale="Peer support is a non-clinical, complementary service. A peer supporter "
            "does not diagnose, prescribe, hand out medication, assess clinical risk or give "
            "medical advice; doing so puts them in a position of power over the peer.",
            remediation="Take the task back to clinical staff, and offer the consistent "
            "alternative: support the peer to take their questions to a professional.",
            check=_group_check("clinical"),
            messages={
                "found": "A clinical or medical act: {activities}.",
                "held": "A clinical act is named in quotation or a question ({activities}); "
                "a person should review it.",
                "negated": "The task says the supporter does not do this: {activities}.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles", "power_imbalance"),
        ),
        Rule(
            id="ROLE-002",
            title="No reporting on the peer to staff",
            severity=Severity.REQUIRED,
            citations=(
                cite(_WHO, _W12, "medications"),
                cite(_WHO, _W12, "trap 2 mixed loyalties"),
                cite(_WHO, _W6, "address difficult issues 1"),
            ),
            rationale="A peer supporter's commitment is first to the person supported. "
            "Watching whether a peer takes medication, or passing on what they shared, to "
            "staff turns the supporter into a monitor and splits their loyalty.",
            remediation="Support the peer to share what they choose with staff, in their own "
            "words; keep what they share in confidence within the agreed limits.",
            check=_reporting,
            messages={
                "found": "Reports on or monitors the peer for staff: {activities}.",
                "held": "Reporting to staff is named in quotation or a question "
                "({activities}); a person should review it.",
                "negated": "The task says the supporter does not do this: {activities}.",
                "output_assigned": "What the task produces goes to staff, and it was assigned "
                "by staff or the plan, or done without the peer's consent.",
                "output_asked": "What the task produces goes to staff at the peer's request.",
                "output_unknown": "What the task produces goes to staff, and it is unknown "
                "whether the peer asked for that.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles", "mixed_loyalties"),
        ),
        Rule(
            id="ROLE-003",
            title="No staff treatment paperwork",
            severity=Severity.REQUIRED,
            citations=(cite(_WHO, _W12, "treatment plans"),),
            rationale="Writing the service's treatment plans or progress reports on a peer's "
            "treatment goals is staff work about the peer, not support for the peer's voice.",
            remediation="Support the peer to have their say in the plan and to tell the team "
            "in their own words how their goals are going.",
            check=_group_check("staff_paperwork"),
            messages={
                "found": "Writes staff paperwork about the peer: {activities}.",
                "held": "Staff paperwork is named in quotation or a question ({activities}); "
                "a person should review it.",
                "negated": "The task says the supporter does not do this: {activities}.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles", "mixed_loyalties"),
        ),
        Rule(
            id="ROLE-004",
            title="Office work is occasional, not busy work",
            severity=Severity.REQUIRED,
            citations=(
                cite(_WHO, _W12, "answering phones"),
                cite(_WHO, _W12, "trap 1 busy work"),
                cite(
                    "working-together", "Recommendations", "say no to additional responsibilities"
                ),
            ),
            rationale="Helping around the office now and then is part of any team. Answering "
            "phones, covering reception or doing admin as a routine, or because no one else "
            "will, wastes the skills a peer supporter brings.",
            remediation="Keep office help occasional; move routine phone, reception and admin "
            "work to the staff whose job it is.",
            check=_office,
            messages={
                "busy": "Office work ({activities}) done routinely or because no one else will.",
                "not_allowed": "Office work ({activities}) and the policy sends all office "
                "work to review.",
                "occasional": "Occasional office help ({activities}).",
                "frequency_unknown": "Office work ({activities}) of unknown frequency; "
                "routine office work would be busy work.",
                "held": "Office work is named in quotation or a question ({activities}); "
                "a person should review it.",
                "negated": "The task says the supporter does not do this: {activities}.",
                "found": "Office work: {activities}.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles", "busy_work"),
        ),
        Rule(
            id="ROLE-005",
            title="No crisis triage for staff",
            severity=Severity.REQUIRED,
            citations=(
                cite(_WHO, _W12, "answering phones"),
                cite(_WHO, _W6, "withhold judgement 4"),
            ),
            rationale="Judging how severe a caller's crisis is and routing them to staff is a "
            "gatekeeping, assessing role; peer supporters do not evaluate or assess others.",
            remediation="Answer a peer-to-peer support line instead, and connect callers who "
            "ask for more help with it together.",
            check=_group_check("crisis_triage"),
            messages={
                "found": "Triages crises for staff: {activities}.",
                "held": "Crisis triage is named in quotation or a question ({activities}); "
                "a person should review it.",
                "negated": "The task says the supporter does not do this: {activities}.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles", "power_imbalance"),
        ),
        Rule(
            id="ROLE-006",
            title="No directing the peer or deciding for them",
            severity=Severity.REQUIRED,
            citations=(
                cite(_CAMPUS, _PRINCIPLES, "9"),
                cite(_CAMPUS, _PRINCIPLES, "10"),
                cite(_WHO, _W6, "embody equality 3"),
                cite(_WHO, _W6, "focus on the person 1"),
            ),
            rationale="The peer is the expert in their own life. Advice, instructions and "
            "decisions made for the peer exercise power over them; a supporter explores "
            "options and informs of resources instead.",
            remediation="Explore the options with the peer, inform them of resources, and "
            "leave the decision to them.",
            check=_group_check("directing"),
            messages={
                "found": "Directs the peer or decides for them: {activities}.",
                "held": "Directing the peer is named in quotation or a question "
                "({activities}); a person should review it.",
                "negated": "The task says the supporter does not do this: {activities}.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles", "power_imbalance"),
        ),
        Rule(
            id="ROLE-007",
            title="No coercion or control of the peer",
            severity=Severity.CRITICAL,
            citations=(
                cite(_WHO, _W6, "support choice 1"),
                cite(_WHO, _W6, "support choice 4"),
                cite(_WHO, _W12, "trap 3 power imbalance"),
            ),
            rationale="Peer support is voluntary. Pressing a peer to accept services or "
            "admission, restraining them or searching them uses power over the peer and "
            "breaks the trust the relationship rests on.",
            remediation="Stop the task; inform the peer of options, respect their choice and "
            "advocate for it when coercion is seen.",
            check=_group_check("coercion"),
            messages={
                "found": "Coerces or controls the peer: {activities}.",
                "held": "Coercion is named in quotation or a question ({activities}); a person "
                "should review it.",
                "negated": "The task says the supporter does not do this: {activities}.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles", "power_imbalance"),
        ),
        Rule(
            id="ROLE-008",
            title="Practical help is at the peer's request",
            severity=Severity.REQUIRED,
            citations=(
                cite(_WHO, _W12, "housing search"),
                cite(_WHO, _W12, "trap 2 mixed loyalties"),
            ),
            rationale="Helping with housing, forms or appointments is peer support when the "
            "peer asked for it; done because staff or the treatment plan say so, it serves "
            "the service's agenda rather than the peer's.",
            remediation="Offer the help and let the peer decide whether to take it up; record "
            "who asked.",
            check=_assistance,
            messages={
                "assigned": "Practical help ({activities}) assigned by staff or the plan, or "
                "done without the peer's say.",
                "asked": "Practical help ({activities}) at the peer's request.",
                "unknown": "Practical help ({activities}); whether the peer asked for it is "
                "unknown.",
                "self": "Practical help ({activities}) on the supporter's own initiative; "
                "whether the peer asked for it is unknown.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles", "mixed_loyalties"),
        ),
        Rule(
            id="ROLE-009",
            title="Medication talk follows the peer's own view",
            severity=Severity.REQUIRED,
            citations=(
                cite(_WHO, _W12, "medications"),
                cite(_WHO, "5 Misconceptions about peer support", "never discuss medications"),
                cite(_CAMPUS, _PRINCIPLES, "14"),
            ),
            rationale="Talking about medication is part of peer support when it helps the peer "
            "voice and explore their own view; promoting adherence when the peer has voiced "
            "reservations takes the service's side against them.",
            remediation="Support the peer to voice their view of the medication, including "
            "their reservations, to the people who prescribe it.",
            check=_medication,
            messages={
                "against_reservations": "Promotes adherence although the peer has voiced "
                "reservations.",
                "assigned": "Promotes adherence at staff's request; whether the peer has "
                "reservations is unknown.",
                "no_reservations": "Encourages adherence the peer has no reservations about.",
                "reservations_unknown": "Promotes adherence; whether the peer has voiced "
                "reservations is unknown.",
                "own_view": "Medication talk that supports the peer's own view ({activities}).",
                "held": "Promoting adherence is named in quotation or a question; a person "
                "should review it.",
                "negated": "The task says the supporter does not do this: {activities}.",
                "found": "Medication talk: {activities}.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles", "mixed_loyalties", "power_imbalance"),
        ),
        Rule(
            id="ROLE-010",
            title="The task is a recognised peer-role activity",
            severity=Severity.REQUIRED,
            citations=(
                cite(_WHO, _W12, "good use"),
                cite(_WHO, _W6, "set clear expectations 4"),
            ),
            rationale="A task is consistent only when it can be placed in the role table. "
            "When nothing in it can be placed, the library does not guess: a person reviews "
            "it (fail safe).",
            remediation="Give the task's activity code, or describe what the supporter does "
            "in more detail.",
            check=_placed,
            messages={
                "placed": "A peer-role activity: {activities}.",
                "unplaced": "No activity of the role table was recognised; a person should "
                "review the task.",
                "not_applicable": _NA_MESSAGE,
            },
            tags=("roles",),
        ),
    ],
)

# Which rules can apply, by what the facts hold; a rule not listed here returns
# not_applicable for those facts, so skipping it changes nothing but the time taken.
_ALWAYS: Final = frozenset({"ROLE-010"})


@cache
def _triggers() -> Mapping[str, str]:
    return {g.id: g.rule for g in role_table().groups if g.rule is not None}


def _applicable(f: TaskFacts) -> tuple[Rule[TaskFacts, RoleContext], ...]:
    pack = _pack()
    triggers = _triggers()
    wanted = set(_ALWAYS)
    for cue in (*f.positive, *f.held, *f.negated):
        if cue.kind is CueKind.ACTIVITY:
            wanted.add(triggers.get(pack.group[cue.value], "ROLE-010"))
        elif cue.kind is CueKind.OUTPUT_TO_STAFF and cue.value == "yes":
            wanted.add("ROLE-002")
    return tuple(r for r in ROLES.rules if r.id in wanted)


# --- the verdict -----------------------------------------------------------------------------


# verdict, traps, alternative, activities, requested_by, reason
_Summary = tuple[
    Consistency,
    frozenset[Trap],
    str | None,
    tuple[str, ...],
    Requester | None,
    TaskReason | None,
]


def _verdict_repr(self: RoleVerdict) -> str:
    # Identifiers and enums only: the task's text never appears.
    return (
        f"RoleVerdict(verdict={self.verdict.value!r}, "
        f"traps={sorted(t.value for t in self.traps)!r}, activities={list(self.activities)!r}, "
        f"requested_by={self.requested_by.value if self.requested_by else None!r}, "
        f"reasons={len(self.reasons)})"
    )


@attrs.frozen(repr=False)
class RoleVerdict:
    """Whether a task is consistent with the peer role, and why.

    ``reasons`` are the findings of the ``ROLE-*`` rules that apply (not-applicable ones are
    left out), each with its citations and evidence; for free text the evidence holds the
    pattern keys and character spans matched, never the text. ``requested_by`` and
    ``reason`` are the resolved cues (the most organisational one where cues conflict).
    """

    # verdict, traps, alternative, activities, requested_by, reason: one tuple, shared by
    # every task decided alike (and cheap to pass on the hot path).
    _summary: _Summary = attrs.field(alias="summary")
    task_id: str | None
    policy_digest: str
    # The findings, or the facts (as rows, see ``_Row``) and context to build them from when
    # first asked for: most callers of a hot path read only the verdict.
    _findings: tuple[Finding, ...] | None = attrs.field(default=None, eq=False, alias="findings")
    _facts: _Rows | None = attrs.field(default=None, eq=False, alias="facts")
    _context: RoleContext | None = attrs.field(default=None, eq=False, alias="context")

    ruleset_version: ClassVar[str] = ROLES.label

    __repr__ = _verdict_repr

    @cached_property
    def reasons(self) -> tuple[Finding, ...]:
        """The findings of the rules that apply, in rule order."""
        if self._findings is not None:
            return self._findings
        assert self._facts is not None  # noqa: S101 - _assess always gives one or the other
        assert self._context is not None  # noqa: S101 - given with the facts
        return _findings(_facts_of(self._facts), self._context)

    @property
    def verdict(self) -> Consistency:
        """``consistent``, ``inconsistent`` or ``needs_review``."""
        return self._summary[0]

    @property
    def traps(self) -> frozenset[Trap]:
        """The traps the task falls into (only when it is inconsistent)."""
        return self._summary[1]

    @property
    def alternative(self) -> str | None:
        """A consistent way to meet the same need, when the task is inconsistent."""
        return self._summary[2]

    @property
    def activities(self) -> tuple[str, ...]:
        """The activities recognised: inconsistent and conditional first, in order."""
        return self._summary[3]

    @property
    def requested_by(self) -> Requester | None:
        """Who asked for the task; where cues conflict, the most organisational one."""
        return self._summary[4]

    @property
    def reason(self) -> TaskReason | None:
        """Why the task is done; where cues conflict, the most organisational one."""
        return self._summary[5]

    @property
    def activity(self) -> str | None:
        """The first activity recognised (structured code first, then text), if any."""
        return self.activities[0] if self.activities else None

    @property
    def is_inconsistent(self) -> bool:
        """The verdict is ``inconsistent``."""
        return self.verdict is Consistency.INCONSISTENT

    @property
    def assigned(self) -> bool:
        """Staff, a supervisor or the treatment plan asked for the task (organisational)."""
        return (self.requested_by is not None and self.requested_by.value in _ORGANISATIONAL) or (
            self.reason is not None and self.reason.value in _ASSIGNED_REASONS
        )

    @property
    def failures(self) -> tuple[Finding, ...]:
        """The findings that make the task inconsistent."""
        return tuple(f for f in self.reasons if f.outcome is NOT_MET)

    def matched_phrases(self, text: str) -> tuple[tuple[str, str, tuple[int, int], str], ...]:
        """The phrases each reason matched, quoted from ``text``, the description you assessed.

        Each entry is ``(rule_id, pattern, span, phrase)``, in the order of the reasons. The
        verdict keeps only spans, never the text, so the caller supplies it; a text that does
        not cover a span is refused rather than quoted wrongly.
        """
        if not isinstance(text, str):
            raise InvalidInput.single(("text",), "string_type", "not a string")
        out = []
        for finding in self.reasons:
            for cue in finding.evidence.get("cues", ()):
                span = cue.get("span")
                if span is None:
                    continue
                start, end = span
                if end > len(text):
                    raise InvalidInput.single(
                        ("text",), "span_outside_text", "shorter than the assessed description"
                    )
                out.append((finding.rule_id, cue["pattern"], (start, end), text[start:end]))
        return tuple(out)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """Plain JSON-ready form, in a stable shape; it never holds the task's text."""
        return {
            "task_id": self.task_id,
            "verdict": self.verdict.value,
            "traps": sorted(t.value for t in self.traps),
            "alternative": self.alternative,
            "activities": list(self.activities),
            "requested_by": self.requested_by.value if self.requested_by else None,
            "reason": self.reason.value if self.reason else None,
            "reasons": [f.to_dict(include_text=include_text) for f in self.reasons],
            "ruleset_version": self.ruleset_version,
            "policy_digest": self.policy_digest,
        }

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, byte-identical for the same task and policy."""
        return canonical_json(self.to_dict())


_VERDICT_CACHE_LIMIT: Final = 65_536

_structured: dict[tuple[Any, ...], tuple[_Summary, tuple[Finding, ...]]] = {}
_summaries: dict[tuple[Any, ...], _Summary] = {}
_contexts: dict[str, RoleContext] = {}


def _context(policy: Policy | Mapping[str, Any] | None) -> RoleContext:
    valid = coerce_policy(policy)
    digest = valid.digest
    found = _contexts.get(digest)
    if found is None:
        found = RoleContext(valid, frozenset(valid.roles_peer_request_activities))
        _contexts[digest] = found
    return found


def _alternative(findings: Sequence[Finding], pack: _Pack) -> str | None:
    for finding in sorted(findings, key=lambda f: -f.severity.rank):
        if finding.outcome is not NOT_MET:
            continue
        for activity in finding.evidence.get("activities", ()):
            alternative = pack.table.by_id[activity].alternative
            if alternative and pack.stance[activity] is not Stance.CONSISTENT:
                return alternative
        if finding.message_key == "output_assigned":
            return pack.table.output_alternative
        for activity in finding.evidence.get("activities", ()):
            alternative = pack.table.by_id[activity].alternative
            if alternative:
                return alternative
    return None


def _first(values: frozenset[str], order: Sequence[str]) -> str | None:
    for value in order:
        if value in values:
            return value
    return None


def _findings(facts: TaskFacts, context: RoleContext) -> tuple[Finding, ...]:
    """The findings of every rule that applies to the facts, in rule order."""
    findings = []
    for rule in _applicable(facts):
        finding = rule.evaluate(facts, context, None)
        if finding.outcome is not NA:
            findings.append(finding)
    return tuple(findings)


def _summarise(findings: Sequence[Finding], facts: TaskFacts) -> _Summary:
    pack = _pack()
    outcomes = {f.outcome for f in findings}
    if NOT_MET in outcomes:
        verdict = Consistency.INCONSISTENT
    elif REVIEW in outcomes or MET not in outcomes:
        verdict = Consistency.NEEDS_REVIEW
    else:
        verdict = Consistency.CONSISTENT
    traps = frozenset(
        Trap(t) for f in findings if f.outcome is NOT_MET for t in f.evidence.get("traps", ())
    )
    requester = _first(facts.values(CueKind.REQUESTED_BY), _REQUESTER_ORDER)
    reason = _first(facts.values(CueKind.REASON), _REASON_ORDER)
    acts = facts.activities
    ordered = tuple(
        sorted(
            acts,
            key=lambda a: (pack.stance[a] is Stance.CONSISTENT, acts.index(a)),
        )
    )
    return (
        verdict,
        traps,
        _alternative(findings, pack) if verdict is Consistency.INCONSISTENT else None,
        ordered,
        Requester(requester) if requester else None,
        TaskReason(reason) if reason else None,
    )


_KIND_VALUE_ORIGIN: Final = itemgetter(0, 1, 2)
_KIND_VALUE: Final = itemgetter(0, 1)


def _signature(rows: _Rows) -> tuple[Any, ...]:
    """What the rules read of the facts: every cue but its pattern and span."""
    return (
        tuple(map(_KIND_VALUE_ORIGIN, rows[0])),
        tuple(map(_KIND_VALUE, rows[1])),
        tuple(map(_KIND_VALUE, rows[2])),
    )


def _remember(store: dict[tuple[Any, ...], Any], key: tuple[Any, ...], value: Any) -> None:
    if len(store) >= _VERDICT_CACHE_LIMIT:
        store.clear()
    store[key] = value


def _assess(task: Task, context: RoleContext) -> RoleVerdict:
    digest = context.policy.digest
    if task.description:
        # The decision depends only on what the rules read, so it is remembered per
        # signature; the findings, which hold this text's spans, are built when asked for.
        rows = _fact_rows(task)
        signature = (digest, _signature(rows))
        summary = _summaries.get(signature)
        if summary is not None:
            return RoleVerdict(summary, task.id, digest, facts=rows, context=context)
        facts = _facts_of(rows)
        findings = _findings(facts, context)
        summary = _summarise(findings, facts)
        _remember(_summaries, signature, summary)
        return RoleVerdict(summary, task.id, digest, findings=findings)
    key = (
        digest,
        task.activity,
        task.topic,
        task.requested_by,
        task.frequency,
        task.reason,
        task.output_to_staff,
        task.peer_reservations,
    )
    found = _structured.get(key)
    if found is None:
        facts = task_facts(task)
        findings = _findings(facts, context)
        found = (_summarise(findings, facts), findings)
        _remember(_structured, key, found)
    summary, findings = found
    return RoleVerdict(summary, task.id, digest, findings=findings)


def _coerce_task(task: Task | Mapping[str, Any] | str | object) -> Task:
    if isinstance(task, Task):
        return task
    if isinstance(task, str):
        return coerce_model(Task, {"description": task}, "task")
    return coerce_model(Task, task, "task")


def assess_task(
    task: Task | Mapping[str, Any] | str,
    policy: Policy | Mapping[str, Any] | None = None,
) -> RoleVerdict:
    """Whether a task is consistent with the peer role, with the reasons, traps and alternative.

    ``task`` is a :class:`Task`, a mapping of its fields, or a plain description. Unknown facts
    give ``needs_review``, never ``consistent``; an inconsistent cue wins over consistent ones.
    """
    context = _context(policy)
    return _assess(_coerce_task(task), context)


def assess_tasks(
    tasks: Iterable[Task | Mapping[str, Any] | str],
    policy: Policy | Mapping[str, Any] | None = None,
) -> Iterator[RoleVerdict]:
    """Stream a verdict for each task, in order.

    A task that does not validate raises :class:`~peersupport.InvalidInput` when it is
    reached, with its position in the error locations.
    """
    if isinstance(tasks, str | bytes | Mapping) or not isinstance(tasks, Iterable):
        raise InvalidInput.single(("tasks",), "list_type", "not a list of tasks")
    context = _context(policy)
    for i, task in enumerate(tasks):
        try:
            valid = _coerce_task(task)
        except InvalidInput as exc:
            raise InvalidInput(
                [ErrorDetail((i, *e.loc), e.type, e.msg) for e in exc.errors]
            ) from None
        yield _assess(valid, context)


# --- the role table as Markdown --------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def role_table_markdown() -> str:
    """The activity taxonomy as Markdown tables: one per group, with rule and citations."""
    table = role_table()
    rules = {r.id: r for r in ROLES}
    lines: list[str] = []
    for group in table.groups:
        members = table.in_group(group.id)
        if not members:
            continue
        judged = f" (`{group.rule}` {rules[group.rule].title})" if group.rule else ""
        lines += [f"### {group.title}{judged}", "", _cell(group.summary), ""]
        lines += [
            "| Code | Activity | Stance | Traps | Consistent alternative | Sources |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        lines.extend(_activity_row(a) for a in members)
        lines.append("")
    return "\n".join(lines)


def _activity_row(a: Activity) -> str:
    stance = a.stance.value + (f": {a.condition}" if a.condition else "")
    traps = ", ".join(a.traps) or "-"
    sources = "; ".join(str(c) for c in a.cites)
    return (
        f"| `{a.id}` | {_cell(a.title)} | {_cell(stance)} | {traps} "
        f"| {_cell(a.alternative or '-')} | {_cell(sources)} |"
    )


def reset_caches() -> None:
    """Forget memoised decisions and contexts (for tests that swap the bundled data)."""
    _structured.clear()
    _summaries.clear()
    _contexts.clear()
