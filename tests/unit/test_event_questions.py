"""Registration questions: only the builder's simple field types, and answers checked against them
with field-level errors named `answers.<key>`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.event_questions import check_answers, check_questions

QUESTIONS = {
    "type": "object",
    "properties": {
        "diet": {"type": "string", "title": "Diet", "enum": ["none", "vegan"]},
        "shirt": {"type": "array", "title": "Sizes", "items": {"enum": ["S", "M", "L"]}, "uniqueItems": True},
        "sauna": {"type": "boolean", "title": "Sauna", "x-title": {"fi": "Sauna", "sv": "Bastu"}},
        "guests": {"type": "integer", "title": "Guests", "minimum": 0, "maximum": 3},
        "note": {"type": "string", "title": "Note", "maxLength": 20},
    },
    "required": ["diet"],
}


def problem_paths(questions, answers):
    with pytest.raises(InvalidInput) as caught:
        check_answers(questions, answers)
    return {f.path: str(f.message) for f in caught.value.fields}


def test_the_simple_field_types_are_accepted_and_stored_closed():
    stored = check_questions(QUESTIONS)
    assert stored is not None and stored["additionalProperties"] is False
    assert list(stored["properties"]) == ["diet", "shirt", "sauna", "guests", "note"]
    assert check_questions(None) is None


@pytest.mark.parametrize(
    ("prop", "path"),
    [
        ({"type": "object", "title": "x"}, "questions.properties.q"),
        ({"type": "string", "format": "email"}, "questions.properties.q.format"),
        ({"type": "string", "pattern": "^a"}, "questions.properties.q.pattern"),
        ({"type": "string", "enum": []}, "questions.properties.q"),
        ({"type": "array", "items": {"type": "object"}}, "questions.properties.q"),
        ({"type": "number", "minimum": "1"}, "questions.properties.q"),
        ({"type": "boolean", "title": 5}, "questions.properties.q.title"),
        ({"$ref": "#/x"}, "questions.properties.q"),
    ],
)
def test_anything_else_is_refused_naming_the_question(prop, path):
    with pytest.raises(InvalidInput) as caught:
        check_questions({"type": "object", "properties": {"q": prop}})
    assert caught.value.fields[0].path == path


def test_the_schema_itself_must_be_a_plain_object_schema():
    for bad, path in (
        ({"type": "array"}, "questions"),
        ({"type": "object", "properties": {"1bad": {"type": "boolean"}}}, "questions.properties.1bad"),
        ({"type": "object", "properties": {}, "required": ["ghost"]}, "questions.required"),
        ({"type": "object", "properties": {}, "$defs": {}}, "questions.$defs"),
    ):
        with pytest.raises(InvalidInput) as caught:
            check_questions(bad)
        assert caught.value.fields[0].path == path


def test_bad_answers_are_named_one_by_one():
    found = problem_paths(
        QUESTIONS, {"shirt": ["S", "S"], "sauna": "yes", "guests": 9, "note": "x" * 21, "pet": "cat"}
    )
    assert found == {
        "answers.diet": "is required",
        "answers.shirt": "must not repeat a choice",
        "answers.sauna": "must be true or false",
        "answers.guests": "must be at most 3",
        "answers.note": "must be at most 20 character(s) long",
        "answers.pet": "is not a known field",
    }
    assert problem_paths(QUESTIONS, {"diet": "meat"}) == {"answers.diet": "must be one of none, vegan"}


def test_without_questions_no_answers_are_taken():
    assert check_answers(None, None) == {}
    assert problem_paths(None, {"x": 1}) == {"answers.x": "is not a known field"}
    assert problem_paths(None, []) == {"answers": "must be an object"}


answers = st.fixed_dictionaries(
    {"diet": st.sampled_from(["none", "vegan"])},
    optional={
        "shirt": st.lists(st.sampled_from(["S", "M", "L"]), unique=True),
        "sauna": st.booleans(),
        "guests": st.integers(0, 3),
        "note": st.text(max_size=20),
    },
)


@given(answers)
def test_any_answer_the_form_can_give_is_accepted(given_answers):
    assert check_answers(check_questions(QUESTIONS), given_answers) == given_answers
