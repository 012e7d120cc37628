"""Secrets by reference, never by value in the repository: env:, file:, ssm: or secretsmanager:."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from chalicelib.settings import SettingsError


class SecretResolver:
    def __init__(self, region: str) -> None:
        self._region = region
        self._cache: dict[str, str] = {}

    def resolve(self, reference: str) -> str:
        if reference not in self._cache:
            self._cache[reference] = self._fetch(reference)
        return self._cache[reference]

    def _fetch(self, reference: str) -> str:
        scheme, _, name = reference.partition(":")
        if scheme == "env":
            return _required(os.environ.get(name), reference)
        if scheme == "file":
            return Path(name).read_text().strip()
        if scheme == "ssm":
            response = _client("ssm", self._region).get_parameter(Name=name, WithDecryption=True)
            return str(response["Parameter"]["Value"])
        if scheme == "secretsmanager":
            return str(
                _client("secretsmanager", self._region).get_secret_value(SecretId=name)["SecretString"]
            )
        raise SettingsError(f"unknown secret reference scheme in {reference!r}")


def _required(value: str | None, reference: str) -> str:
    if not value:
        raise SettingsError(f"secret {reference} is not set")
    return value


@cache
def _client(service: str, region: str) -> Any:
    import boto3

    return boto3.client(service, region_name=region)
