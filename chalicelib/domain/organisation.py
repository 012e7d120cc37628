"""The union's organisation: branches, employers and the workplaces members work at."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.errors import InvalidInput


@dataclass(frozen=True)
class Branch:
    id: str
    name: str


@dataclass(frozen=True)
class Employer:
    id: str
    name: str


@dataclass(frozen=True)
class Workplace:
    id: str
    name: str
    branch_id: str
    employer_id: str


@dataclass(frozen=True)
class Organisation:
    branches: tuple[Branch, ...]
    employers: tuple[Employer, ...]
    workplaces: tuple[Workplace, ...]

    def workplaces_by_branch(self) -> dict[str, frozenset[str]]:
        return {b.id: frozenset(w.id for w in self.workplaces if w.branch_id == b.id) for b in self.branches}

    def check_place(self, branch_id: str, workplace_id: str | None) -> None:
        """Raises InvalidInput unless the branch exists and the workplace (if any) belongs to it."""
        known = self.workplaces_by_branch()
        if branch_id not in known:
            raise InvalidInput.on("branch_id", "is not a branch of this union")
        if workplace_id is not None and workplace_id not in known[branch_id]:
            raise InvalidInput.on("workplace_id", "is not a workplace of that branch")

    def branch_of_workplace(self, workplace_id: str) -> str | None:
        return next((w.branch_id for w in self.workplaces if w.id == workplace_id), None)

    def employer_name(self, employer_id: str) -> str:
        return next((e.name for e in self.employers if e.id == employer_id), "")
