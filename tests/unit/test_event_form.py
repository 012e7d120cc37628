"""An organizer's event: times read in the event's timezone and kept in UTC, the rules between
them, audiences, the registration window and the cancellation deadline, certificate codes."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.iso7064 import mod_37_36

from chalicelib.domain.certificates import ALPHABET, RANDOM_CHARACTERS, new_code, normalised
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.event_form import edited_event, new_event
from chalicelib.domain.events import (
    Audience,
    CancellationClosed,
    EventKind,
    EventStatus,
    PrerequisitesMissing,
    RegistrationClosed,
    check_cancellation_window,
    check_registration_window,
    require_prerequisites,
)
from chalicelib.domain.members import Member, MembershipCategory, MemberStatus
from chalicelib.domain.roles import Principal, Role, RoleGrant

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
BODY = {
    "title": {"fi": "Kokous"},
    "starts_at": "2026-12-01T17:00",
    "ends_at": "2026-12-01T20:00",
    "capacity": 40,
}


def make(body=None, kind=EventKind.EVENT):
    return new_event({**BODY, **(body or {})}, kind, "e1", "demo-organizer", NOW)


def field_of(error_info):
    return error_info.value.fields[0].path


def test_times_without_an_offset_are_read_in_the_timezone_and_kept_in_utc():
    event = make()
    assert event.starts_at == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Helsinki is UTC+2 in winter
    assert event.registration_opens_at == NOW and event.registration_closes_at == event.starts_at
    assert event.cancellation_deadline == event.starts_at and event.shards == 1
    summer = {
        "timezone": "Europe/Stockholm",
        "starts_at": "2027-07-01T10:00+03:00",
        "ends_at": "2027-07-01T12:00",
    }
    stockholm = make(summer)
    assert stockholm.starts_at == datetime(2027, 7, 1, 7, 0, tzinfo=UTC)
    assert stockholm.ends_at == datetime(2027, 7, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"ends_at": "2026-12-01T16:00"}, "ends_at"),
        ({"starts_at": "1.12.2026"}, "starts_at"),
        ({"starts_at": "0001-01-01T00:00:00+05:00"}, "starts_at"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": "Europe"}, "timezone"),
        (
            {"registration_opens_at": "2026-12-01T10:00", "registration_closes_at": "2026-11-01T10:00"},
            "registration_closes_at",
        ),
        ({"cancellation_deadline": "2026-12-02T00:00"}, "cancellation_deadline"),
        ({"price_cents": 500}, "price_cents"),
        ({"title": {"fi": ""}}, "title"),
        ({"hours": 3}, "hours"),
    ],
)
def test_what_breaks_a_rule_is_named(changes, path):
    with pytest.raises(InvalidInput) as caught:
        make(changes)
    assert field_of(caught) == path


def test_trainings_need_hours_and_cannot_require_themselves():
    training = make({"hours": 6, "requires_approval": True}, EventKind.TRAINING)
    assert training.is_training and training.requires_approval and training.hours == 6
    with pytest.raises(InvalidInput) as caught:
        make({}, EventKind.TRAINING)
    assert field_of(caught) == "hours"
    with pytest.raises(InvalidInput) as caught:
        edited_event(training, {"prerequisites": ["e1"]})
    assert field_of(caught) == "prerequisites"


def test_an_edit_reads_new_times_in_the_new_timezone_and_keeps_the_rest():
    event = make()
    edited = edited_event(event, {"timezone": "UTC", "ends_at": "2026-12-01T19:00", "capacity": 80})
    assert edited.ends_at == datetime(2026, 12, 1, 19, 0, tzinfo=UTC) and edited.starts_at == event.starts_at
    assert edited.capacity == 80 and edited.shards == event.shards  # shards move only with the seats


def member(
    branch="helsinki",
    workplace="helsinki-mill",
    category=MembershipCategory.WORKING,
    status=MemberStatus.ACTIVE,
):
    return Member("m1", "m@example.org", "M", "M", branch, workplace, category, status, date(2020, 1, 1))


def test_a_member_is_in_the_audience_when_they_match_every_list_given():
    assert Audience().includes(member())
    assert not Audience().includes(member(status=MemberStatus.SUSPENDED))
    helsinki_students = Audience(frozenset({"helsinki"}), categories=frozenset({"student"}))
    assert helsinki_students.includes(member(category=MembershipCategory.STUDENT))
    assert not helsinki_students.includes(member())
    assert not helsinki_students.includes(member(branch="tampere", category=MembershipCategory.STUDENT))
    assert Audience.from_json(helsinki_students.as_json()) == helsinki_students
    assert Audience.from_json(None).as_json() is None


@given(
    st.sets(st.sampled_from(["helsinki", "tampere", "turku"])),
    st.sampled_from(["helsinki", "tampere", "turku"]),
)
def test_a_branch_audience_is_exactly_its_branches(branches, branch):
    audience = Audience(frozenset(branches))
    assert audience.includes(member(branch=branch)) == (not branches or branch in branches)


def test_who_manages_an_event():
    event = make({"organizer_ids": ["demo-helper"]})
    organizer = (RoleGrant(Role.ORGANIZER),)
    assert event.may_manage(Principal("demo-organizer", "s", organizer))
    assert event.may_manage(Principal("demo-helper", "s", organizer))
    assert not event.may_manage(Principal("demo-helper", "s", ()))  # must still hold the role
    assert not event.may_manage(Principal("other", "s", organizer))
    assert event.may_manage(Principal("anyone", "s", (RoleGrant(Role.ADMIN),)))


def test_the_registration_window_and_the_cancellation_deadline():
    event = make({"registration_opens_at": "2026-11-10T09:00"})
    for moment in (datetime(2026, 11, 10, 6, 59, tzinfo=UTC), event.starts_at):
        with pytest.raises(RegistrationClosed):
            check_registration_window(event, moment)
    check_registration_window(event, datetime(2026, 11, 10, 7, 0, tzinfo=UTC))
    check_cancellation_window(event, event.cancellation_deadline)
    with pytest.raises(CancellationClosed):
        check_cancellation_window(event, event.cancellation_deadline + timedelta(seconds=1))
    with pytest.raises(RegistrationClosed):
        check_registration_window(replace(event, status=EventStatus.CANCELLED), NOW + timedelta(days=10))


def test_missing_prerequisites_are_named():
    training = make({"hours": 2, "prerequisites": ["basics", "safety"]}, EventKind.TRAINING)
    require_prerequisites(training, frozenset({"basics", "safety", "other"}), {})
    with pytest.raises(PrerequisitesMissing) as caught:
        require_prerequisites(training, frozenset({"basics"}), {"safety": "Työturvallisuus"})
    assert "Työturvallisuus" in caught.value.message


def test_certificate_codes_are_grouped_and_carry_a_check_character():
    code = new_code()
    assert len(code) == 14 and code.count("-") == 2 and normalised(code) == code
    assert normalised(code.lower().replace("-", " ")) == code
    assert normalised("K7QM-2XPA-9D3F") in (None, "K7QM-2XPA-9D3F")
    assert normalised("short") is None and normalised("K7QM-2XPA-9D3*") is None


@given(st.data())
def test_a_mistyped_character_is_always_caught(data):
    code = new_code().replace("-", "")
    n = data.draw(st.integers(0, len(code) - 1))
    other = data.draw(st.sampled_from([c for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != code[n]]))
    assert normalised(code[:n] + other + code[n + 1 :]) is None


def test_swapped_neighbours_are_caught_all_but_rarely():
    """ISO 7064 MOD 37,36 is a hybrid system: it catches every single substitution but not quite every
    adjacent transposition (about 1 in 700 slips through); measured on fixed random codes."""
    rng = random.Random(7036)
    swaps = missed = 0
    for _ in range(20_000):
        body = "".join(rng.choice(ALPHABET) for _ in range(RANDOM_CHARACTERS))
        code = body + mod_37_36.calc_check_digit(body)
        n = rng.randrange(len(code) - 1)
        if code[n] != code[n + 1]:
            swaps += 1
            missed += normalised(code[:n] + code[n + 1] + code[n] + code[n + 2 :]) is not None
    assert missed < swaps / 200


def test_mail_shows_the_time_as_people_there_read_it():
    from chalicelib.services.event_mail import local_time

    start = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    assert local_time(start, "Europe/Helsinki", "fi") == "1.12.2026 17.00"
    assert local_time(start, "Europe/Stockholm", "en") == "1.12.2026 16:00"
