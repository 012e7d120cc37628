"""ISO 7064 hybrid check characters (python-stdnum's mod_37_36), imported on first use: stdnum's
package import costs about 10 ms, which every cold start of the API would otherwise pay."""

from __future__ import annotations

from types import ModuleType


def _mod_37_36() -> ModuleType:
    from stdnum.iso7064 import mod_37_36

    return mod_37_36


def check_character(body: str, alphabet: str | None = None) -> str:
    module = _mod_37_36()
    return str(
        module.calc_check_digit(body)
        if alphabet is None
        else module.calc_check_digit(body, alphabet=alphabet)
    )


def is_valid(code: str, alphabet: str | None = None) -> bool:
    module = _mod_37_36()
    return bool(module.is_valid(code) if alphabet is None else module.is_valid(code, alphabet=alphabet))
