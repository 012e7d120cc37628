"""One key builder per entity: no string concatenation of keys anywhere else."""

from __future__ import annotations


def member(member_id: str) -> tuple[str, str]:
    return f"MEMBER#{member_id}", "PROFILE"


def member_history(member_id: str, at: str, n: int) -> tuple[str, str]:
    return f"MEMBER#{member_id}", f"HISTORY#{at}#{n:03d}"


def member_request(member_id: str, request_id: str) -> tuple[str, str]:
    return f"MEMBER#{member_id}", f"REQUEST#{request_id}"


def session(member_id: str, session_id: str) -> tuple[str, str]:
    return f"MEMBER#{member_id}", f"SESSION#{session_id}"


def role_grant(member_id: str, role: str, scope: str) -> tuple[str, str]:
    return f"MEMBER#{member_id}", f"GRANT#{role}#{scope}"


def holders_of(role: str, scope: str) -> str:
    """Who holds a role for a scope (a branch, a workplace, or * for the whole union)."""
    return f"HOLDERS#{role}#{scope}"


SESSION_PREFIX = "SESSION#"
HISTORY_PREFIX = "HISTORY#"
REQUEST_PREFIX = "REQUEST#"


def email_claim(email: str) -> tuple[str, str]:
    """Holds an address for one member (or one open application): uniqueness by a conditional put."""
    return f"EMAIL#{email}", "CLAIM"


def signin_code(address_key: str) -> tuple[str, str]:
    return f"SIGNIN#{address_key}", "CODE"


def signin_rate(address_key: str, window: int) -> tuple[str, str]:
    return f"SIGNIN#{address_key}", f"RATE#{window}"


ORGANISATION = "ORG"


def branch(branch_id: str) -> tuple[str, str]:
    return ORGANISATION, f"BRANCH#{branch_id}"


def workplace(workplace_id: str) -> tuple[str, str]:
    return ORGANISATION, f"WORKPLACE#{workplace_id}"


def employer(employer_id: str) -> tuple[str, str]:
    return ORGANISATION, f"EMPLOYER#{employer_id}"


def members_of_branch(branch_id: str) -> str:
    return f"BRANCH#{branch_id}"


def members_of_workplace(workplace_id: str) -> str:
    return f"WORKPLACE#{workplace_id}"


def member_sort_key(last_name: str, first_name: str, member_id: str) -> str:
    return f"{last_name.casefold()}#{first_name.casefold()}#{member_id}"


def application(application_id: str) -> tuple[str, str]:
    return f"APPLICATION#{application_id}", "APPLICATION"


def applications_of_branch(branch_id: str, status: str) -> str:
    return f"APPLICATIONS#{branch_id}#{status}"


AUDIT_HEAD = ("AUDIT", "HEAD")
AUDIT_BUCKET_SIZE = 10_000


def audit_entry(seq: int) -> tuple[str, str]:
    return f"AUDIT#{seq // AUDIT_BUCKET_SIZE:08d}", f"ENTRY#{seq:012d}"


def audit_by_target(target: str) -> str:
    return f"AUDIT_TARGET#{target}"


SEGMENTS = "SEGMENTS"


def segment(segment_id: str) -> tuple[str, str]:
    """Saved segments share one small partition, like the organisation."""
    return SEGMENTS, f"SEGMENT#{segment_id}"


def event(event_id: str) -> tuple[str, str]:
    return f"EVENT#{event_id}", "EVENT"


def events_of_kind(kind: str) -> str:
    """Events (or trainings) in start order: written only when an organizer saves one."""
    return f"EVENTS#{kind}"


def seat_shard(event_id: str, shard: int) -> tuple[str, str]:
    """Each shard its own partition, so concurrent registrations spread over partitions."""
    return f"SEATS#{event_id}#{shard}", "SEATS"


def registration(event_id: str, member_id: str) -> tuple[str, str]:
    return f"REG#{event_id}#{member_id}", "REG"


def participants(event_id: str, status: str) -> str:
    return f"PARTICIPANTS#{event_id}#{status}"


def member_registrations(member_id: str) -> str:
    return f"MEMBER_REGS#{member_id}"


def enrolment(enrolment_id: str) -> tuple[str, str]:
    return f"ENROLMENT#{enrolment_id}", "ENROLMENT"


def enrolments_of_branch(branch_id: str, status: str) -> str:
    return f"ENROLMENTS#{branch_id}#{status}"


COMPLETION_PREFIX = "COMPLETED#"


def completion(member_id: str, training_id: str) -> tuple[str, str]:
    return f"MEMBER#{member_id}", f"{COMPLETION_PREFIX}{training_id}"


def certificate(code: str) -> tuple[str, str]:
    return f"CERTIFICATE#{code}", "CERTIFICATE"


ELECTIONS = "ELECTIONS"


def election(election_id: str) -> tuple[str, str]:
    """Elections share one small partition, like segments: a union holds a few a year."""
    return ELECTIONS, f"ELECTION#{election_id}"


def election_result(election_id: str) -> tuple[str, str]:
    return f"ELECTION#{election_id}", "RESULT"


def roll_entry(election_id: str, member_id: str) -> tuple[str, str]:
    """The member's place on an election's frozen roll, which also records that they voted."""
    return f"MEMBER#{member_id}", f"ROLL#{election_id}"


def ballots_shard(election_id: str, shard: int) -> str:
    return f"BALLOTS#{election_id}#{shard:02d}"


def ballot(election_id: str, shard: int, ballot_key: str) -> tuple[str, str]:
    """A ballot under a random key in a random shard: nothing in the key tells who or when."""
    return ballots_shard(election_id, shard), f"BALLOT#{ballot_key}"


def board_pending_shard(election_id: str, shard: int) -> str:
    return f"BOARD_PENDING#{election_id}#{shard:02d}"


def board_pending(election_id: str, shard: int, code: str) -> tuple[str, str]:
    return board_pending_shard(election_id, shard), f"CODE#{code}"


def board(election_id: str) -> str:
    return f"BOARD#{election_id}"


def board_head(election_id: str) -> tuple[str, str]:
    return board(election_id), "HEAD"


BLOCK_PREFIX = "BLOCK#"


def board_block(election_id: str, index: int) -> tuple[str, str]:
    return board(election_id), f"{BLOCK_PREFIX}{index:08d}"


def turnout_shard(election_id: str, shard: int) -> str:
    return f"TURNOUT#{election_id}#{shard:02d}"


def turnout(election_id: str, shard: int, branch_id: str) -> tuple[str, str]:
    return turnout_shard(election_id, shard), f"BRANCH#{branch_id}"


def board_code(election_id: str, shard: int, code: str) -> tuple[str, str]:
    """Where a sealed code is found: which block holds it (for look-ups with a proof)."""
    return f"BOARD_CODE#{election_id}#{shard:02d}", f"CODE#{code}"
