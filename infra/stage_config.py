"""What the template needs from .chalice/config.json for one stage: the source of its defaults."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
CHALICE_CONFIG = PROJECT_DIR / ".chalice" / "config.json"
TABLE_DEFINITION = Path(__file__).resolve().parent / "table.json"
CHALICE_DEFAULT_API_GATEWAY_STAGE = "api"
DEFAULT_LOG_RETENTION_DAYS = 30


class PackagingError(RuntimeError):
    """The app, its config or the infra files cannot make a deployable template."""


@dataclass(frozen=True)
class StageConfig:
    stage: str
    api_gateway_stage: str
    log_retention_days: int
    environment: dict[str, str]

    def env(self, name: str) -> str:
        """A stage environment variable the template is built around; raises if it is unset."""
        value = self.environment.get(name)
        if not value:
            raise PackagingError(f".chalice/config.json: stage {self.stage!r} must set {name}")
        return value


def load_stage_config(stage: str, path: Path = CHALICE_CONFIG) -> StageConfig:
    """Read one stage of the chalice config: stage values override the top level, as in chalice."""
    config = json.loads(path.read_text())
    stages: dict[str, Any] = config.get("stages", {})
    if stage not in stages:
        raise PackagingError(f"{path}: no stage {stage!r} (have {sorted(stages)})")
    stage_config: dict[str, Any] = stages[stage]

    def lookup(key: str, default: Any) -> Any:
        return stage_config.get(key, config.get(key, default))

    return StageConfig(
        stage=stage,
        api_gateway_stage=lookup("api_gateway_stage", CHALICE_DEFAULT_API_GATEWAY_STAGE),
        log_retention_days=int(lookup("log_retention_in_days", DEFAULT_LOG_RETENTION_DAYS)),
        environment={
            **config.get("environment_variables", {}),
            **stage_config.get("environment_variables", {}),
        },
    )


def load_table_definition(path: Path = TABLE_DEFINITION) -> dict[str, Any]:
    definition: dict[str, Any] = json.loads(path.read_text())
    return definition
