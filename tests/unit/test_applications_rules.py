import pytest

from chalicelib.domain.applications import ApplicationStatus, Decision, MembershipApplication
from chalicelib.domain.errors import AlreadyDecided, DecisionExpired, InvalidInput
from chalicelib.domain.members import Language, MembershipCategory


def application(status=ApplicationStatus.PENDING) -> MembershipApplication:
    return MembershipApplication(
        "a1",
        "x@example.org",
        "X",
        "Y",
        "helsinki",
        None,
        MembershipCategory.WORKING,
        Language.FI,
        None,
        "2026-01-01T00:00:00+00:00",
        status,
    )


def test_an_officer_approves_a_pending_application():
    decided = application().decide(Decision.APPROVE, None, "officer", "now")
    assert decided.status is ApplicationStatus.APPROVED and decided.decided_by == "officer"


def test_a_rejection_needs_a_reason():
    with pytest.raises(InvalidInput) as caught:
        application().decide(Decision.REJECT, "  ", "officer", "now")
    assert caught.value.fields[0].path == "reason"


@pytest.mark.parametrize(
    "status", [ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.SUBMITTED]
)
def test_only_a_pending_application_can_be_decided(status):
    with pytest.raises(AlreadyDecided):
        application(status).decide(Decision.APPROVE, None, "officer", "now")


def test_an_expired_application_says_so():
    with pytest.raises(DecisionExpired):
        application(ApplicationStatus.EXPIRED).decide(Decision.APPROVE, None, "officer", "now")
