"""`python -m infra.package OUT [--stage prod]`: the deployable SAM template and code, offline.

1. Pin the Lambda's runtime dependencies (OUT/requirements-lambda.txt) and make sure their wheels
   for Lambda's Python are in the local wheelhouse (the only download; later runs are offline).
2. Stage the project chalice packages in OUT/.project: app.py, chalicelib/, .chalice/*.json, and
   vendor/ holding those dependencies and a copy of functions/ (chalice zips vendor/'s contents at
   the package root, so handlers `functions.<module>.<function>` import as they do locally).
3. Write OUT/merge-template.json around what chalice will generate for the stage.
4. Run `chalice package --stage <stage> --merge-template ... OUT` without AWS credentials.
5. Check that every resource in OUT/sam.json is whole (a patch to a function chalice did not
   generate would be a resource with no Type).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from infra import bundle, naming, schedules
from infra.app_functions import discover
from infra.stage_config import PROJECT_DIR, PackagingError, load_stage_config, load_table_definition
from infra.template import build_merge_template

T = TypeVar("T")

DEFAULT_REGION = "eu-north-1"
CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
)
KEPT_DEPLOYMENT_ZIPS = 2


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    out = Path(args.out).resolve()
    try:
        _package(out, args.stage)
    except PackagingError as exc:
        print(f"infra.package: {exc}", file=sys.stderr)
        return 1
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m infra.package", description=__doc__.splitlines()[0])
    parser.add_argument("out", help="output folder for sam.json and deployment.zip")
    parser.add_argument("--stage", default="prod", choices=["dev", "prod"])
    return parser.parse_args(argv)


def _package(out: Path, stage: str) -> None:
    started = time.monotonic()
    if not (PROJECT_DIR / "app.py").exists():
        raise PackagingError(f"{PROJECT_DIR / 'app.py'} does not exist yet")
    out.mkdir(parents=True, exist_ok=True)
    project = out / ".project"
    requirements = _timed("pin requirements", lambda: write_requirements(PROJECT_DIR, out))
    wheelhouse = _timed("wheelhouse", lambda: bundle.ensure_wheelhouse(requirements))
    _timed("stage project", lambda: stage_project(PROJECT_DIR, project, requirements, wheelhouse))
    merge_template = _timed("merge template", lambda: write_merge_template(out, stage))
    _timed("chalice package", lambda: run_chalice_package(project, out, stage, merge_template))
    check_template(out / "sam.json")
    prune_deployments(project / ".chalice" / "deployments")
    print(f"infra.package: {out / 'sam.json'} ({stage}) in {time.monotonic() - started:.1f} s")


def _timed(label: str, step: Callable[[], T]) -> T:
    started = time.monotonic()
    result = step()
    print(f"infra.package: {label}: {time.monotonic() - started:.1f} s", flush=True)
    return result


def write_requirements(project_dir: Path, out: Path) -> Path:
    lines = bundle.runtime_requirements(project_dir / "pyproject.toml", project_dir / "requirements-lock.txt")
    path = out / "requirements-lambda.txt"
    header = (
        f"# {bundle.LAMBDA_RUNTIME} runtime closure, pinned from requirements-lock.txt by infra.package\n"
    )
    path.write_text(header + "\n".join(lines) + "\n")
    return path


def stage_project(source: Path, project: Path, requirements: Path, wheelhouse: Path) -> None:
    """The files chalice packages, fresh; the installed dependencies are reused while the pins hold."""
    (project / ".chalice").mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "app.py", project / "app.py")
    _replace_tree(source / "chalicelib", project / "chalicelib")
    for config_file in (source / ".chalice").glob("*.json"):
        shutil.copy2(config_file, project / ".chalice" / config_file.name)
    (project / "requirements.txt").unlink(missing_ok=True)  # chalice would bundle it for 3.11
    _install_dependencies(project, requirements, wheelhouse)
    _replace_tree(source / "functions", project / "vendor" / "functions")


def _install_dependencies(project: Path, requirements: Path, wheelhouse: Path) -> None:
    marker = project / ".vendor-requirements"
    wanted = bundle.digest(requirements.read_text())
    if marker.exists() and marker.read_text() == wanted:
        return
    shutil.rmtree(project / "vendor", ignore_errors=True)
    bundle.install(requirements, wheelhouse, project / "vendor")
    marker.write_text(wanted)


def _replace_tree(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def write_merge_template(out: Path, stage: str) -> Path:
    app = discover(PROJECT_DIR, stage)
    template = build_merge_template(
        load_stage_config(stage), app, load_table_definition(), naming.state_machine_files(), schedules.load()
    )
    for stale in ("sam.json", "deployment.zip"):
        (out / stale).unlink(missing_ok=True)
    path = out / "merge-template.json"
    path.write_text(json.dumps(template, indent=2) + "\n")
    return path


def run_chalice_package(project: Path, out: Path, stage: str, merge_template: Path) -> None:
    command = [sys.executable, "-c", "import sys; from chalice.cli import main; sys.exit(main())"]
    command += ["package", "--stage", stage, "--merge-template", str(merge_template), str(out)]
    result = subprocess.run(command, cwd=project, env=_offline_environment(), check=False)  # noqa: S603
    if result.returncode != 0:
        raise PackagingError(f"chalice package failed with exit code {result.returncode}")


def _offline_environment() -> dict[str, str]:
    """No credentials (packaging needs none, and a stale profile would only get in the way), a
    region (chalice needs one), and no index for pip (there is no requirements.txt to fetch)."""
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIAL_VARIABLES}
    env.setdefault("AWS_DEFAULT_REGION", DEFAULT_REGION)
    env["PIP_NO_INDEX"] = "1"
    return env


def check_template(sam: Path) -> None:
    template: dict[str, Any] = json.loads(sam.read_text())
    partial = sorted(k for k, v in template["Resources"].items() if "Type" not in v)
    if partial:
        raise PackagingError(f"{sam}: patched resources chalice did not generate: {partial}")


def prune_deployments(folder: Path) -> None:
    """chalice caches one ~50 MB zip per code version; keep the newest few."""
    zips = sorted(folder.glob("*.zip"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in zips[KEPT_DEPLOYMENT_ZIPS:]:
        old.unlink()


if __name__ == "__main__":
    raise SystemExit(main())
