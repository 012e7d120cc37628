"""Demo data for the local stack and the tests: a union with branches, workplaces and members."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from chalicelib import bootstrap
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.members import (
    Language,
    Member,
    MembershipCategory,
    MemberStatus,
    StatusChange,
    register_view,
)
from chalicelib.domain.organisation import Branch, Employer, Workplace
from chalicelib.domain.roles import Role, RoleGrant
from chalicelib.entrypoints.seed_elections import seed_demo_elections
from chalicelib.entrypoints.seed_events import seed_events

SEEDER = "system:demo-seed"

BRANCHES = (
    Branch("helsinki", "Helsingin osasto"),
    Branch("tampere", "Tampereen osasto"),
    Branch("turku", "Åbo avdelning"),
)
EMPLOYERS = (
    Employer("metsa-works", "Metsä Works Oy"),
    Employer("nordic-care", "Nordic Care Ab"),
    Employer("satama-logistics", "Satama Logistics Oy"),
)
WORKPLACES = (
    Workplace("helsinki-mill", "Vuosaari mill", "helsinki", "metsa-works"),
    Workplace("helsinki-care", "Kallio care home", "helsinki", "nordic-care"),
    Workplace("tampere-mill", "Tampere mill", "tampere", "metsa-works"),
    Workplace("tampere-port", "Tampere terminal", "tampere", "satama-logistics"),
    Workplace("turku-care", "Åbo vårdhem", "turku", "nordic-care"),
    Workplace("turku-port", "Åbo hamn", "turku", "satama-logistics"),
)

FIRST_NAMES = (
    "Aino",
    "Eero",
    "Helmi",
    "Juha",
    "Kaisa",
    "Lauri",
    "Maija",
    "Niklas",
    "Sanna",
    "Ville",
    "Elsa",
    "Oskar",
)
LAST_NAMES = (
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Lindqvist",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Andersson",
    "Salo",
    "Laine",
    "Berg",
    "Hämäläinen",
    "Nyström",
)
CATEGORIES = (
    MembershipCategory.WORKING,
    MembershipCategory.WORKING,
    MembershipCategory.WORKING,
    MembershipCategory.STUDENT,
    MembershipCategory.UNEMPLOYED,
    MembershipCategory.RETIRED,
    MembershipCategory.PARENTAL_LEAVE,
)


def _grant(role: Role, branches: tuple[str, ...] = (), workplaces: tuple[str, ...] = ()) -> RoleGrant:
    return RoleGrant(role, frozenset(branches), frozenset(workplaces))


# (e-mail local part, first name, last name, workplace, roles)
ROLE_ACCOUNTS: tuple[tuple[str, str, str, str, tuple[RoleGrant, ...]], ...] = (
    ("member", "Maria", "Member", "helsinki-mill", ()),
    ("member2", "Mikko", "Member", "tampere-mill", ()),
    (
        "steward",
        "Stina",
        "Steward",
        "helsinki-mill",
        (_grant(Role.SHOP_STEWARD, workplaces=("helsinki-mill",)),),
    ),
    ("officer", "Olli", "Officer", "helsinki-care", (_grant(Role.BRANCH_OFFICER, branches=("helsinki",)),)),
    ("organizer", "Oona", "Organizer", "helsinki-care", (_grant(Role.ORGANIZER),)),
    ("trustee1", "Tuomas", "Trustee", "tampere-port", (_grant(Role.TRUSTEE),)),
    ("trustee2", "Tiina", "Trustee", "turku-port", (_grant(Role.TRUSTEE),)),
    ("treasurer", "Terhi", "Treasurer", "turku-care", (_grant(Role.TREASURER),)),
    ("election", "Eino", "Election", "tampere-mill", (_grant(Role.ELECTION_OFFICER),)),
    ("admin", "Anja", "Admin", "helsinki-mill", (_grant(Role.ADMIN),)),
)
NUMBERED_MEMBERS = 300
BATCH = 20  # members per transaction: 3 items each plus their audit entries, under 100


@dataclass
class SeedSummary:
    created: int = 0
    existing: int = 0
    accounts: list[str] = field(default_factory=list)
    events: int = 0
    elections: int = 0


def demo_members() -> list[Member]:
    members = [_role_account(*spec) for spec in ROLE_ACCOUNTS]
    members += [_numbered(n) for n in range(1, NUMBERED_MEMBERS + 1)]
    return members


def _workplace(workplace_id: str) -> Workplace:
    return next(w for w in WORKPLACES if w.id == workplace_id)


def _role_account(local: str, first: str, last: str, workplace: str, grants: tuple[RoleGrant, ...]) -> Member:
    return Member(
        id=f"demo-{local}",
        email=f"{local}@example.org",
        first_name=first,
        last_name=last,
        branch_id=_workplace(workplace).branch_id,
        workplace_id=workplace,
        category=MembershipCategory.WORKING,
        status=MemberStatus.ACTIVE,
        member_since=date(2015, 3, 1),
        language=Language.EN if local == "admin" else Language.FI,
        grants=grants,
    )


def _numbered(n: int) -> Member:
    workplace = WORKPLACES[n % len(WORKPLACES)]
    return Member(
        id=f"demo-member{n:03d}",
        email=f"member{n:03d}@example.org",
        first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
        last_name=LAST_NAMES[(n * 7) % len(LAST_NAMES)],
        branch_id=workplace.branch_id,
        workplace_id=workplace.id,
        category=CATEGORIES[n % len(CATEGORIES)],
        status=MemberStatus.SUSPENDED if n % 50 == 0 else MemberStatus.ACTIVE,
        member_since=date(2000 + n % 25, 1 + n % 12, 1 + n % 28),
        language=(Language.FI, Language.FI, Language.SV, Language.EN)[n % 4],
        country="FI",
    )


def seed_demo_data(members: list[Member] | None = None) -> SeedSummary:
    """Create the demo union; safe to run again (what exists is left as it is)."""
    c = bootstrap.container()
    org = c.organisation.organisation()
    for thing in (*BRANCHES, *EMPLOYERS, *WORKPLACES):
        if thing not in (*org.branches, *org.employers, *org.workplaces):
            c.organisation.add(SEEDER, thing)
    summary = SeedSummary()
    wanted = demo_members() if members is None else members
    summary.accounts = [m.email for m in wanted]
    missing = [m for m in wanted if not c.store.members.id_for_email(m.email)]
    for start in range(0, len(missing), BATCH):
        c.store.members.create_many([_admission(m) for m in missing[start : start + BATCH]])
    summary.created, summary.existing = len(missing), len(wanted) - len(missing)
    summary.events = seed_events(wanted)
    if members is None:  # the full demo only: the tests' small union stays without elections
        voters = [m.id for m in wanted if m.status is MemberStatus.ACTIVE and not m.grants]
        summary.elections = len(seed_demo_elections(voters))
    return summary


def _admission(member: Member) -> tuple[Member, StatusChange, AuditRecord]:
    change = StatusChange("2020-01-01T00:00:00+00:00", member.status, member.category, "demo data")
    record = AuditRecord(SEEDER, "member.imported", f"member:{member.id}", None, register_view(member))
    return member, change, record


def main() -> None:
    summary = seed_demo_data()
    print(f"demo data: {summary.created} members created, {summary.existing} already there")
    print(f"demo events: {summary.events} created")
    print(f"demo elections: {summary.elections} created")


if __name__ == "__main__":
    main()
