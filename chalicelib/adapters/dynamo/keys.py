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
