"""Elections: what the election officer defines, how an election moves through its life, what a ballot may say.

Pure rules. The roll, the ballots and the board live in the store; counting is `domain.counting`.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from fractions import Fraction
from typing import Any

from chalicelib.domain.board import BlockHeader, block_hash
from chalicelib.domain.errors import (
    AlreadyExists,
    FieldProblem,
    InvalidInput,
    InvalidTransition,
    Msg,
)
from chalicelib.domain.members import Member
from chalicelib.domain.segments import SegmentRule, rule_from_json

YES, NO = "yes", "no"
LANGUAGES = ("fi", "sv", "en")
BALLOT_FORMAT = "plain-v1"
ELECTION_ID = re.compile(r"\A[0-9a-f]{32}\Z")  # uuid4().hex


def is_election_id(text: str) -> bool:
    return bool(ELECTION_ID.match(text))


class AlreadyVoted(AlreadyExists):
    code = "already_voted"


class ElectionKind(StrEnum):
    YESNO = "yesno"
    PLURALITY = "plurality"
    APPROVAL = "approval"
    IRV = "irv"
    STV_SCOTTISH = "stv-scottish"
    STV_MEEK = "stv-meek"
    DHONDT = "dhondt"

    @property
    def ranked(self) -> bool:
        return self in (ElectionKind.IRV, ElectionKind.STV_SCOTTISH, ElectionKind.STV_MEEK)


# Every kind takes a blank ballot (`[]`): a voter may always say nothing, and it is counted as such.
BLANK_ALLOWED = frozenset(ElectionKind)
SINGLE_SEAT = frozenset({ElectionKind.YESNO, ElectionKind.IRV})


class ElectionStatus(StrEnum):
    DRAFT = "draft"
    OPENING = "opening"  # the voter roll is being frozen (infra/statemachines/election-opening)
    OPEN = "open"
    CLOSING = "closing"
    COUNTED = "counted"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


NEXT_STATUSES: dict[ElectionStatus, frozenset[ElectionStatus]] = {
    ElectionStatus.DRAFT: frozenset({ElectionStatus.OPENING, ElectionStatus.CANCELLED}),
    # back to draft when freezing the roll fails
    ElectionStatus.OPENING: frozenset({ElectionStatus.OPEN, ElectionStatus.DRAFT, ElectionStatus.CANCELLED}),
    ElectionStatus.OPEN: frozenset({ElectionStatus.CLOSING, ElectionStatus.CANCELLED}),
    ElectionStatus.CLOSING: frozenset({ElectionStatus.COUNTED}),
    ElectionStatus.COUNTED: frozenset({ElectionStatus.PUBLISHED}),
    ElectionStatus.PUBLISHED: frozenset(),
    ElectionStatus.CANCELLED: frozenset(),
}
# Once voting has opened nothing that changes the ballot may change: only words and the closing time.
EDITABLE_WHILE_OPEN = frozenset({"title", "description", "closes_at"})
DEFINITION_FIELDS = (
    "title",
    "description",
    "kind",
    "options",
    "seats",
    "max_choices",
    "opens_at",
    "closes_at",
    "eligibility",
    "ballot_order",
    "turnout_by_branch",
    "qualified_majority",
    "quorum",
)


class BallotOrder(StrEnum):
    AS_ENTERED = "as_entered"
    ALPHABETICAL = "alphabetical"
    RANDOM = "random"


@dataclass(frozen=True)
class Texts:
    fi: str
    sv: str = ""
    en: str = ""

    @classmethod
    def from_json(cls, raw: Mapping[str, str] | None) -> Texts:
        raw = raw or {}
        return cls(raw.get("fi", "").strip(), raw.get("sv", "").strip(), raw.get("en", "").strip())

    def as_json(self, filled: bool = True) -> dict[str, str]:
        """The three texts; `filled` puts the Finnish one where another language has none."""
        if not filled:
            return {"fi": self.fi, "sv": self.sv, "en": self.en}
        return {"fi": self.fi, "sv": self.sv or self.fi, "en": self.en or self.fi}


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    list: str | None = None
    alliance: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "list": self.list, "alliance": self.alliance}


YESNO_OPTIONS = (Option(YES, YES), Option(NO, NO))


@dataclass(frozen=True)
class Eligibility:
    """Who may vote: a rule (statuses, categories, branches, workplaces, member since), a saved segment."""

    rule: SegmentRule = field(default_factory=SegmentRule)
    segment_id: str | None = None
    dues_paid_until: date | None = None

    def admits(self, member: Member, segment_rule: SegmentRule | None = None) -> bool:
        return self.rule.matches(member) and (segment_rule is None or segment_rule.matches(member))

    def as_json(self) -> dict[str, Any]:
        return {
            **self.rule.as_json(),
            "segment_id": self.segment_id,
            "dues_paid_until": None if self.dues_paid_until is None else self.dues_paid_until.isoformat(),
        }


EVERY_ACTIVE_MEMBER = Eligibility()


@dataclass(frozen=True)
class Definition:
    """What the election officer decides: the question, the options, the rules and the times."""

    title: Texts
    kind: ElectionKind
    opens_at: datetime
    closes_at: datetime
    description: Texts = Texts("")
    options: tuple[Option, ...] = ()
    seats: int = 1
    max_choices: int | None = None
    eligibility: Eligibility | None = None
    ballot_order: BallotOrder = BallotOrder.AS_ENTERED
    turnout_by_branch: bool = False
    qualified_majority: Fraction | None = None
    quorum: int | None = None

    @property
    def ballot_options(self) -> tuple[Option, ...]:
        return YESNO_OPTIONS if self.kind is ElectionKind.YESNO else self.options

    @property
    def most_choices(self) -> int:
        if self.kind in (ElectionKind.YESNO, ElectionKind.PLURALITY, ElectionKind.DHONDT):
            return 1
        return self.max_choices or len(self.options)

    @property
    def voters(self) -> Eligibility:
        return self.eligibility or EVERY_ACTIVE_MEMBER

    def as_json(self, filled: bool = True) -> dict[str, Any]:
        return {
            "title": self.title.as_json(filled),
            "description": self.description.as_json(filled),
            "kind": self.kind.value,
            "options": [o.as_json() for o in self.options],
            "seats": self.seats,
            "max_choices": self.max_choices,
            "opens_at": utc_text(self.opens_at),
            "closes_at": utc_text(self.closes_at),
            "eligibility": None if self.eligibility is None else self.eligibility.as_json(),
            "ballot_order": self.ballot_order.value,
            "turnout_by_branch": self.turnout_by_branch,
            "qualified_majority": None if self.qualified_majority is None else str(self.qualified_majority),
            "quorum": self.quorum,
        }


@dataclass(frozen=True)
class Roll:
    """The voter roll frozen when voting opened: its snapshot id and counts (members stay in the store)."""

    snapshot: str
    count: int
    by_branch: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Closing:
    """What is fixed when voting closes: the board's final head (the lot's seed) and the ballots' digest."""

    board_head: str
    ballots_digest: str
    ballots_cast: int


@dataclass(frozen=True)
class Election:
    id: str
    definition: Definition
    created_by: str
    created_at: str
    status: ElectionStatus = ElectionStatus.DRAFT
    revision: int = 0
    roll: Roll | None = None
    closing: Closing | None = None
    task_token: str | None = None
    times: dict[str, str] = field(default_factory=dict)  # opened_at, closing_at, counted_at, published_at

    def move(self, to: ElectionStatus, at: str, **changes: Any) -> Election:
        """The election in its next status; raises InvalidTransition when that is not the next one."""
        if to not in NEXT_STATUSES[self.status]:
            raise InvalidTransition(refusal(self.status, to))
        times = {**self.times, f"{to.value}_at": at}
        return replace(self, status=to, revision=self.revision + 1, times=times, **changes)

    @property
    def opening_snapshot(self) -> str:
        """The id of the roll frozen by this opening: the same on every retry of the freezing task,
        a new one when the election is opened again after a failed attempt."""
        return hashlib.sha256(f"{self.id}:roll:{self.revision}".encode()).hexdigest()[:32]

    def edited(self, fields: Mapping[str, Any], definition: Definition) -> Election:
        """The election with a new definition; raises InvalidTransition for what may no longer change."""
        if self.status is ElectionStatus.OPEN:
            frozen = sorted(set(fields) - EDITABLE_WHILE_OPEN)
            if frozen:
                raise InvalidTransition(
                    Msg("voting has opened: {fields} can no longer change", fields=", ".join(frozen))
                )
        elif self.status is not ElectionStatus.DRAFT:
            raise InvalidTransition(
                Msg("the election is {status}: it can no longer change", status=self.status)
            )
        return replace(self, definition=definition, revision=self.revision + 1)

    def accepts_ballots(self, now: datetime) -> None:
        """Raises InvalidTransition unless voting is open right now."""
        if self.status is not ElectionStatus.OPEN:
            raise InvalidTransition(
                Msg("voting is not open in this election (it is {status})", status=self.status)
            )
        if now >= self.definition.closes_at:
            raise InvalidTransition("voting in this election has closed")


def refusal(status: ElectionStatus, wanted: ElectionStatus) -> Msg:
    if wanted is ElectionStatus.PUBLISHED and status is ElectionStatus.PUBLISHED:
        return Msg("the results are already published")
    if wanted is ElectionStatus.PUBLISHED:
        return Msg("the count is not ready yet: the election is {status}", status=status)
    if wanted in (ElectionStatus.OPEN, ElectionStatus.OPENING):
        return Msg("only a draft can be opened; this election is {status}", status=status)
    if wanted is ElectionStatus.CLOSING:
        return Msg("only an open election can be closed; this election is {status}", status=status)
    return Msg("the election is {status}: it cannot become {wanted}", status=status, wanted=wanted)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- ballots -------------------------------------------------------------------------------------


def check_choices(definition: Definition, choices: Sequence[str]) -> tuple[str, ...]:
    """The choices as a ballot of this election; raises InvalidInput naming each choice at fault."""
    if not choices:
        if definition.kind not in BLANK_ALLOWED:
            raise InvalidInput.on("choices", "a blank ballot is not allowed in this election")
        return ()
    known = {o.id for o in definition.ballot_options}
    problems: list[FieldProblem] = []
    for n, choice in enumerate(choices):
        if choice not in known:
            problems.append(FieldProblem(f"choices.{n}", Msg("is not an option of this election")))
        elif choice in choices[:n]:
            problems.append(FieldProblem(f"choices.{n}", Msg("is chosen more than once")))
    if len(choices) > definition.most_choices:
        limit = definition.most_choices
        problems.append(FieldProblem("choices", Msg("at most {limit} choice(s) are allowed", limit=limit)))
    if problems:
        raise InvalidInput(Msg("the ballot has {count} problem(s)", count=len(problems)), problems)
    return tuple(choices)


def ballot_order(definition: Definition, election_id: str, member_id: str) -> tuple[Option, ...]:
    """The options in the order this voter sees them (the random order is the same every time)."""
    options = definition.ballot_options
    if definition.kind is ElectionKind.YESNO or definition.ballot_order is BallotOrder.AS_ENTERED:
        return options
    if definition.kind is ElectionKind.DHONDT:
        return _lists_in_order(definition, options, election_id, member_id)
    if definition.ballot_order is BallotOrder.ALPHABETICAL:
        return tuple(sorted(options, key=lambda o: (o.name.casefold(), o.id)))
    shuffled = list(options)
    _voter_random(election_id, member_id).shuffle(shuffled)
    return tuple(shuffled)


def _lists_in_order(
    definition: Definition, options: tuple[Option, ...], election_id: str, member_id: str
) -> tuple[Option, ...]:
    """d'Hondt: the lists are ordered, each list's candidates stay together in their entered order."""
    lists = list(dict.fromkeys(o.list or "" for o in options))
    if definition.ballot_order is BallotOrder.ALPHABETICAL:
        lists.sort(key=str.casefold)
    else:
        _voter_random(election_id, member_id).shuffle(lists)
    return tuple(o for name in lists for o in options if (o.list or "") == name)


def _voter_random(election_id: str, member_id: str) -> random.Random:
    # Only presentation: the order needs to be stable per voter, not secret.
    seed = hashlib.sha256(f"ballot-order\x00{election_id}\x00{member_id}".encode()).digest()
    return random.Random(int.from_bytes(seed, "big"))


# --- the definition from JSON ----------------------------------------------------------------------


def definition_from_json(raw: Mapping[str, Any]) -> Definition:
    """A definition from its (schema-checked) JSON; raises InvalidInput naming every field at fault."""
    problems: list[FieldProblem] = []
    opens_at = _moment(raw.get("opens_at"), "opens_at", problems)
    closes_at = _moment(raw.get("closes_at"), "closes_at", problems)
    eligibility = _eligibility(raw.get("eligibility"), problems)
    share = _share(raw.get("qualified_majority"), problems)
    if problems or opens_at is None or closes_at is None:
        raise _invalid(problems)
    definition = Definition(
        title=Texts.from_json(raw.get("title")),
        description=Texts.from_json(raw.get("description")),
        kind=ElectionKind(raw["kind"]),
        options=tuple(_option(o) for o in raw.get("options") or ()),
        seats=int(raw.get("seats") or 1),
        max_choices=raw.get("max_choices"),
        opens_at=opens_at,
        closes_at=closes_at,
        eligibility=eligibility,
        ballot_order=BallotOrder(raw.get("ballot_order") or BallotOrder.AS_ENTERED.value),
        turnout_by_branch=bool(raw.get("turnout_by_branch", False)),
        qualified_majority=share,
        quorum=raw.get("quorum"),
    )
    check_definition(definition)
    return definition


def merged(before: Definition, fields: Mapping[str, Any]) -> Definition:
    """The definition with some of its fields replaced (as PATCH sends them)."""
    raw = {**before.as_json(filled=False), **{k: v for k, v in fields.items() if k in DEFINITION_FIELDS}}
    return definition_from_json(raw)


def check_definition(d: Definition) -> None:
    """The rules a definition must keep as a whole; raises InvalidInput naming each field at fault."""
    problems = [
        *_time_problems(d),
        *_option_problems(d),
        *_seat_problems(d),
        *_yesno_problems(d),
    ]
    if not d.title.fi:
        problems.insert(0, FieldProblem("title.fi", Msg("must not be empty")))
    if problems:
        raise _invalid(problems)


def _time_problems(d: Definition) -> list[FieldProblem]:
    if d.closes_at <= d.opens_at:
        return [FieldProblem("closes_at", Msg("must be after opens_at"))]
    return []


def _option_problems(d: Definition) -> list[FieldProblem]:
    if d.kind is ElectionKind.YESNO:
        return (
            [FieldProblem("options", Msg("must be empty: yes and no exist without being listed"))]
            if d.options
            else []
        )
    problems: list[FieldProblem] = []
    if len(d.options) < 2:
        problems.append(FieldProblem("options", Msg("must have at least two options")))
    seen: set[str] = set()
    for n, option in enumerate(d.options):
        if option.id in seen:
            problems.append(FieldProblem(f"options.{n}.id", Msg("is used by another option")))
        seen.add(option.id)
    return problems + _list_problems(d)


def _list_problems(d: Definition) -> list[FieldProblem]:
    if d.kind is not ElectionKind.DHONDT:
        return [
            FieldProblem(f"options.{n}.list", Msg("is only for d'Hondt list elections"))
            for n, o in enumerate(d.options)
            if o.list is not None or o.alliance is not None
        ]
    problems: list[FieldProblem] = []
    alliance_of: dict[str, str | None] = {}
    for n, option in enumerate(d.options):
        if not option.list:
            problems.append(FieldProblem(f"options.{n}.list", Msg("is required in a list election")))
            continue
        first = alliance_of.setdefault(option.list, option.alliance)
        if first != option.alliance:
            problems.append(
                FieldProblem(
                    f"options.{n}.alliance", Msg("every candidate of a list must name the same alliance")
                )
            )
    return problems


def _seat_problems(d: Definition) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if d.kind in SINGLE_SEAT and d.seats != 1:
        problems.append(FieldProblem("seats", Msg("must be 1 in this kind of election")))
    if d.kind in (ElectionKind.STV_SCOTTISH, ElectionKind.STV_MEEK) and len(d.options) <= d.seats:
        problems.append(FieldProblem("seats", Msg("must be fewer than the candidates")))
    elif d.kind is not ElectionKind.YESNO and len(d.options) < d.seats:
        problems.append(FieldProblem("seats", Msg("must not be more than the options")))
    if d.max_choices is not None:
        if d.kind not in (
            ElectionKind.APPROVAL,
            ElectionKind.IRV,
            ElectionKind.STV_SCOTTISH,
            ElectionKind.STV_MEEK,
        ):
            problems.append(FieldProblem("max_choices", Msg("is only for approval and ranked elections")))
        elif not 1 <= d.max_choices <= max(len(d.options), 1):
            problems.append(FieldProblem("max_choices", Msg("must be between 1 and the number of options")))
    return problems


def _yesno_problems(d: Definition) -> list[FieldProblem]:
    if d.kind is ElectionKind.YESNO:
        return []
    return [
        FieldProblem(name, Msg("is only for yes/no ballots"))
        for name, value in (("qualified_majority", d.qualified_majority), ("quorum", d.quorum))
        if value is not None
    ]


def _option(raw: Mapping[str, Any]) -> Option:
    return Option(
        id=str(raw["id"]),
        name=str(raw["name"]).strip(),
        list=(raw.get("list") or "").strip() or None,
        alliance=(raw.get("alliance") or "").strip() or None,
    )


def _moment(raw: Any, path: str, problems: list[FieldProblem]) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        problems.append(FieldProblem(path, Msg("must be a time such as 2026-03-01T09:00:00+02:00")))
        return None
    if moment.tzinfo is None:
        problems.append(FieldProblem(path, Msg("must carry its offset from UTC (Z or +02:00)")))
        return None
    return moment.astimezone(UTC)


def _eligibility(raw: Mapping[str, Any] | None, problems: list[FieldProblem]) -> Eligibility | None:
    if raw is None:
        return None
    try:
        rule = rule_from_json(dict(raw), "eligibility")
    except InvalidInput as exc:
        problems.extend(exc.fields)
        return None
    if raw.get("dues_paid_until") is not None:
        problems.append(
            FieldProblem(
                "eligibility.dues_paid_until", Msg("is not available yet: the portal does not keep dues")
            )
        )
    return Eligibility(rule, raw.get("segment_id") or None, None)


def _share(raw: Any, problems: list[FieldProblem]) -> Fraction | None:
    if raw is None:
        return None
    try:
        share = Fraction(str(raw))
    except (ValueError, ZeroDivisionError):
        share = Fraction(0)
    if not 0 < share <= 1:
        problems.append(FieldProblem("qualified_majority", Msg('must be a share such as "2/3"')))
        return None
    return share


def _invalid(problems: list[FieldProblem]) -> InvalidInput:
    return InvalidInput(Msg("the request has {count} invalid field(s)", count=len(problems)), problems)


def definition_summary(d: Definition) -> dict[str, Any]:
    """What the audit log keeps of a definition (everything but the long texts)."""
    out = d.as_json()
    out["title"] = d.title.fi
    out.pop("description")
    return out


# --- the roll and the ballot as the store keeps them ------------------------------------------------


@dataclass(frozen=True)
class RollEntry:
    election_id: str
    member_id: str
    branch_id: str
    snapshot: str
    weight: int = 1
    voted_on: str | None = None  # the day, nothing finer


@dataclass(frozen=True)
class CastBallot:
    """One ballot on its way to the store: the voter's roll entry is marked, the ballot and code go apart."""

    entry: RollEntry
    day: str
    content: str  # the canonical ballot (domain.tracking.canonical_ballot) as text
    tracking_code: str
    format: str = BALLOT_FORMAT


@dataclass(frozen=True)
class BoardHead:
    """The board's head item: the latest block's header, totals, the last seal and the sealer's lease."""

    last: BlockHeader | None
    blocks: int
    codes: int
    sealed_epoch: float
    lease_until: float | None
    final: bool

    def head_hash(self, genesis: str) -> str:
        return genesis if self.last is None else block_hash(self.last)


class LeaseLost(Exception):
    """Another sealer took the board over (this one was too slow); what it sealed stays as it was."""
