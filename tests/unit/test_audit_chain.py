from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.audit import GENESIS, AuditHead, AuditRecord, append, verify_chain


def build(n: int) -> list:
    head, entries = GENESIS, []
    for i in range(n):
        entry = append(
            head,
            AuditRecord(f"member:{i}", "member.details_changed", f"member:{i}", {"a": i}, {"a": i + 1}),
            f"2026-01-01T00:00:{i:02d}",
        )
        entries.append(entry)
        head = AuditHead(entry.seq, entry.hash)
    return entries


def head_of(entries: list) -> AuditHead:
    return AuditHead(entries[-1].seq, entries[-1].hash) if entries else GENESIS


def test_an_untouched_chain_verifies():
    entries = build(5)
    report = verify_chain(entries, head_of(entries))
    assert report.intact and report.entries == 5


@given(st.integers(min_value=3, max_value=12), st.data())
def test_altering_any_entry_is_named(n, data):
    entries = build(n)
    victim = data.draw(st.integers(min_value=0, max_value=n - 1))
    field = data.draw(st.sampled_from(["actor", "action", "target", "at"]))
    entries[victim] = replace(entries[victim], **{field: "tampered"})
    report = verify_chain(entries, head_of(build(n)))
    assert report.first_broken_seq == victim + 1
    assert "altered" in report.problem


@given(st.integers(min_value=3, max_value=12), st.data())
def test_swapping_two_entries_is_caught(n, data):
    entries = build(n)
    i = data.draw(st.integers(min_value=0, max_value=n - 2))
    entries[i], entries[i + 1] = entries[i + 1], entries[i]
    report = verify_chain(entries, head_of(build(n)))
    assert report.first_broken_seq == i + 2
    assert "out of order" in report.problem


def test_a_removed_last_entry_is_caught_by_the_head():
    entries = build(4)
    report = verify_chain(entries[:-1], head_of(entries))
    assert not report.intact and report.first_broken_seq == 4


def test_rewriting_an_entry_with_a_fresh_hash_breaks_the_next_link():
    entries = build(4)
    forged = append(AuditHead(1, entries[0].hash), AuditRecord("x", "y", "z"), entries[1].at)
    entries[1] = forged
    report = verify_chain(entries, head_of(build(4)))
    assert report.first_broken_seq == 3
    assert "does not point" in report.problem
