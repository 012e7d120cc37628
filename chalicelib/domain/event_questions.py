"""Registration questions: a JSON Schema made of a few simple field types, and answers checked
against it. Only the shapes the organizer's question builder writes are accepted, so every
question renders as a form field and exports as one column."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from chalicelib.domain.errors import FieldProblem, InvalidInput, Msg

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

MAX_QUESTIONS = 50
MAX_CHOICES = 100
MAX_TEXT = 5000
KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
COMMON = frozenset({"type", "title", "x-title", "description"})
ALLOWED_KEYWORDS = {
    "string": COMMON | {"maxLength", "minLength", "enum"},
    "array": COMMON | {"items", "uniqueItems", "minItems", "maxItems"},
    "boolean": COMMON,
    "number": COMMON | {"minimum", "maximum"},
    "integer": COMMON | {"minimum", "maximum"},
}
TOP_KEYWORDS = frozenset({"type", "properties", "required", "additionalProperties", "title"})

_NOT_SUPPORTED = Msg("is not a supported question: use text, choice, multi-choice, yes/no or number")


def check_questions(schema: object) -> dict[str, Any] | None:
    """The question schema as stored, or None for no questions; raises InvalidInput naming
    `questions` or `questions.properties.<key>`."""
    if schema is None:
        return None
    if not isinstance(schema, dict) or schema.get("type") != "object":
        raise InvalidInput.on("questions", "must be a JSON Schema of type object")
    _check_top(schema)
    properties = schema.get("properties") or {}
    for key, prop in properties.items():
        _check_question(key, prop)
    return {
        "type": "object",
        "properties": properties,
        "required": list(schema.get("required") or []),
        "additionalProperties": False,
    }


def _check_top(schema: dict[str, Any]) -> None:
    extra = sorted(set(schema) - TOP_KEYWORDS)
    if extra:
        raise InvalidInput.on(f"questions.{extra[0]}", "is not allowed in registration questions")
    properties = schema.get("properties") or {}
    if not isinstance(properties, dict):
        raise InvalidInput.on("questions.properties", "must be an object")
    if len(properties) > MAX_QUESTIONS:
        raise InvalidInput.on("questions.properties", Msg("must have at most {limit} item(s)", limit=50))
    if schema.get("additionalProperties", False) is not False:
        raise InvalidInput.on("questions.additionalProperties", "must be false")
    required = schema.get("required") or []
    if not isinstance(required, list) or any(r not in properties for r in required):
        raise InvalidInput.on("questions.required", "must list only questions that exist")


def _check_question(key: str, prop: object) -> None:
    path = f"questions.properties.{key}"
    if not KEY.match(key):
        raise InvalidInput.on(path, "must be a name of letters, digits and _ starting with a letter")
    if not isinstance(prop, dict) or prop.get("type") not in ALLOWED_KEYWORDS:
        raise InvalidInput.on(path, _NOT_SUPPORTED)
    kind = prop["type"]
    extra = sorted(set(prop) - ALLOWED_KEYWORDS[kind])
    if extra:
        raise InvalidInput.on(f"{path}.{extra[0]}", "is not allowed in registration questions")
    if not _titles_ok(prop):
        raise InvalidInput.on(f"{path}.title", "must be text, with x-title giving fi, sv and en")
    if not _shape_ok(kind, prop):
        raise InvalidInput.on(path, _NOT_SUPPORTED)


def _titles_ok(prop: dict[str, Any]) -> bool:
    title, translated = prop.get("title", ""), prop.get("x-title", {})
    return (
        isinstance(title, str)
        and isinstance(translated, dict)
        and all(isinstance(v, str) for v in translated.values())
        and isinstance(prop.get("description", ""), str)
    )


def _shape_ok(kind: str, prop: dict[str, Any]) -> bool:
    if kind == "string":
        return _enum_ok(prop.get("enum"), optional=True) and _limits_ok(prop, ("minLength", "maxLength"))
    if kind == "array":
        items = prop.get("items")
        item_keys_ok = isinstance(items, dict) and set(items) <= {"enum", "type"}
        return (
            item_keys_ok
            and items.get("type", "string") == "string"  # type: ignore[union-attr]
            and _enum_ok(items.get("enum"), optional=False)  # type: ignore[union-attr]
            and prop.get("uniqueItems", True) is True
            and _limits_ok(prop, ("minItems", "maxItems"))
        )
    if kind in ("number", "integer"):
        return all(_is_number(prop[k]) for k in ("minimum", "maximum") if k in prop)
    return True


def _enum_ok(values: object, optional: bool) -> bool:
    if values is None:
        return optional
    return (
        isinstance(values, list)
        and 0 < len(values) <= MAX_CHOICES
        and all(isinstance(v, str) and v for v in values)
        and len(set(values)) == len(values)
    )


def _limits_ok(prop: dict[str, Any], names: tuple[str, ...]) -> bool:
    return all(
        isinstance(prop[n], int) and not isinstance(prop[n], bool) and prop[n] >= 0
        for n in names
        if n in prop
    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --- answers -------------------------------------------------------------------------------------
_TYPE_MESSAGES = {
    "string": Msg("must be text"),
    "integer": Msg("must be a whole number"),
    "number": Msg("must be a number"),
    "boolean": Msg("must be true or false"),
    "array": Msg("must be a list"),
    "object": Msg("must be an object"),
}


def check_answers(questions: Mapping[str, Any] | None, answers: object) -> dict[str, Any]:
    """The answers, checked against the event's questions; raises InvalidInput naming each bad
    answer as `answers.<key>`."""
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise InvalidInput.on("answers", "must be an object")
    schema = dict(questions or {"type": "object", "properties": {}})
    schema["additionalProperties"] = False
    from jsonschema import Draft202012Validator  # on first use: a tenth of a second of cold start

    found: dict[tuple[str, str], FieldProblem] = {}
    for error in Draft202012Validator(schema).iter_errors(answers):
        for problem in _answer_problems(error):
            found[(problem.path, str(problem.message))] = problem
    found.update({(p.path, str(p.message)): p for p in _too_long(answers)})
    if found:
        problems = sorted(found.values(), key=lambda p: p.path)
        raise InvalidInput(Msg("the answers have {count} problem(s)", count=len(problems)), problems)
    return answers


def _answer_problems(error: ValidationError) -> list[FieldProblem]:
    path = list(error.absolute_path)
    if error.validator == "required":
        return [
            FieldProblem(f"answers.{k}", "is required")
            for k in error.validator_value
            if k not in error.instance
        ]
    if error.validator == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        return [
            FieldProblem(f"answers.{k}", "is not a known field") for k in error.instance if k not in known
        ]
    key = f"answers.{path[0]}" if path else "answers"
    return [FieldProblem(key, _message(error))]


def _message(error: ValidationError) -> Msg:
    kind, value = error.validator, error.validator_value
    if kind == "type":
        return _TYPE_MESSAGES.get(value if isinstance(value, str) else "", Msg("is not valid"))
    if kind == "enum":
        return Msg("must be one of {values}", values=", ".join(str(v) for v in value))
    if kind == "maxLength":
        return Msg("must be at most {limit} character(s) long", limit=value)
    if kind == "minLength":
        return (
            Msg("must not be empty")
            if value == 1
            else Msg("must be at least {limit} character(s) long", limit=value)
        )
    if kind == "minimum":
        return Msg("must be at least {limit}", limit=value)
    if kind == "maximum":
        return Msg("must be at most {limit}", limit=value)
    if kind == "uniqueItems":
        return Msg("must not repeat a choice")
    if kind == "maxItems":
        return Msg("must have at most {limit} item(s)", limit=value)
    if kind == "minItems":
        return Msg("must have at least {limit} item(s)", limit=value)
    return Msg("is not valid")


def _too_long(answers: dict[str, Any]) -> list[FieldProblem]:
    return [
        FieldProblem(f"answers.{k}", Msg("must be at most {limit} character(s) long", limit=MAX_TEXT))
        for k, v in answers.items()
        if isinstance(v, str) and len(v) > MAX_TEXT
    ]
