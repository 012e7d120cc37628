"""The Python packages inside the Lambda deployment package, built for the Lambda runtime.

The runtime dependencies are pyproject's [project.dependencies] and what they need, each pinned to
requirements-lock.txt (the versions the tests ran), less chalice: `chalice package` adds the part
of chalice the functions import.

Why not let chalice bundle them from a requirements.txt: chalice builds for the interpreter that
runs it (3.11, here), and Lambda no longer creates or updates python3.11 functions (Amazon Linux 2
runtime, blocked since 2026-07-31 / 2026-08-31). So the wheels for LAMBDA_RUNTIME's platform are
downloaded once per set of pins into a wheelhouse outside the repository, installed into the staged
project's vendor/ (which chalice zips at the package root), and the template sets the runtime.
Later builds need no network and cannot drift from the pins.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from infra.stage_config import PackagingError

# The oldest Python Lambda still creates and updates (Amazon Linux 2023): the closest to the 3.11
# the project develops on. Bump it together with the project's own Python.
LAMBDA_RUNTIME = "python3.12"
LAMBDA_PYTHON = LAMBDA_RUNTIME.removeprefix("python")
LAMBDA_ABI = "cp" + LAMBDA_PYTHON.replace(".", "")
LAMBDA_GLIBC_MINOR = 34  # Amazon Linux 2023's glibc is 2.34
LAMBDA_PLATFORMS = (
    *(f"manylinux_2_{minor}_x86_64" for minor in range(17, LAMBDA_GLIBC_MINOR + 1)),
    "manylinux2014_x86_64",
)
LAMBDA_MARKERS = {
    "os_name": "posix",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "platform_machine": "x86_64",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "python_version": LAMBDA_PYTHON,
    "python_full_version": f"{LAMBDA_PYTHON}.0",
}
PROVIDED_BY_CHALICE_PACKAGE = frozenset({"chalice"})


def runtime_requirements(pyproject: Path, lock: Path) -> list[str]:
    """Sorted `name==version` lines: the runtime closure on Lambda, pinned from the lock file."""
    declared = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    roots = [Requirement(line) for line in declared]
    names = _closure([r for r in roots if canonicalize_name(r.name) not in PROVIDED_BY_CHALICE_PACKAGE])
    pins = _lock_pins(lock)
    missing = sorted(names - pins.keys())
    if missing:
        raise PackagingError(f"{lock.name} does not pin {missing}")
    return [f"{name}=={pins[name]}" for name in sorted(names)]


def _lock_pins(lock: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in lock.read_text().splitlines():
        name, sep, version = line.split("#")[0].strip().partition("==")
        if sep:
            pins[canonicalize_name(name)] = version.strip()
    return pins


def _closure(roots: list[Requirement]) -> set[str]:
    """Names of the distributions the roots need on Lambda, walking the installed metadata."""
    pending = [(r, "") for r in roots]
    visited: set[tuple[str, str]] = set()
    names: set[str] = set()
    while pending:
        requirement, parent_extra = pending.pop()
        if not _applies(requirement, parent_extra):
            continue
        name = canonicalize_name(requirement.name)
        names.add(name)
        for extra in ("", *sorted(requirement.extras)):
            if (name, extra) not in visited:
                visited.add((name, extra))
                pending.extend((dep, extra) for dep in _requires(name))
    return names


def _applies(requirement: Requirement, extra: str) -> bool:
    if requirement.marker is None:
        return True
    return requirement.marker.evaluate({**LAMBDA_MARKERS, "extra": extra})


def _requires(name: str) -> list[Requirement]:
    try:
        return [Requirement(line) for line in metadata.distribution(name).requires or []]
    except metadata.PackageNotFoundError as exc:
        raise PackagingError(f"{name} is not installed: run `make install` first") from exc


def digest(requirements_text: str) -> str:
    return hashlib.sha256(f"{LAMBDA_ABI}\n{requirements_text}".encode()).hexdigest()[:16]


def wheelhouse_dir(requirements_text: str) -> Path:
    """Where the wheels for exactly these pins are cached: $UNION_PORTAL_WHEELHOUSE, or
    ~/.cache/union-portal/wheelhouse."""
    default = Path.home() / ".cache" / "union-portal" / "wheelhouse"
    root = Path(os.environ.get("UNION_PORTAL_WHEELHOUSE") or default)
    return root / f"{LAMBDA_ABI}-x86_64-{digest(requirements_text)}"


def ensure_wheelhouse(requirements: Path) -> Path:
    """Download the Lambda-platform wheels for the pins unless already cached; return the folder."""
    target = wheelhouse_dir(requirements.read_text())
    if (target / ".complete").exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".incomplete-", dir=target.parent))
    try:
        _pip("download", requirements, ["--dest", str(staging)])
        (staging / ".complete").touch()
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def install(requirements: Path, wheelhouse: Path, target: Path) -> None:
    """Unpack the wheels into target (no bytecode: the host's would not suit Lambda's Python)."""
    options = ["--target", str(target), "--no-index", "--find-links", str(wheelhouse), "--no-compile"]
    _pip("install", requirements, options)
    shutil.rmtree(target / "bin", ignore_errors=True)  # console scripts, with this host's shebang


def _pip(command: str, requirements: Path, options: list[str]) -> None:
    args = [sys.executable, "-m", "pip", command, "--quiet", "--disable-pip-version-check"]
    args += ["--only-binary=:all:", "--no-deps", "--implementation", "cp"]
    args += ["--python-version", LAMBDA_PYTHON, "--abi", LAMBDA_ABI, "--abi", "abi3", "--abi", "none"]
    for platform in (*LAMBDA_PLATFORMS, "any"):
        args += ["--platform", platform]
    args += ["-r", str(requirements), *options]
    result = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise PackagingError(f"pip {command} for {LAMBDA_RUNTIME} failed:\n{result.stderr[-4000:]}")
