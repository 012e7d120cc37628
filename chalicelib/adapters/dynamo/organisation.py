"""Branches, employers and workplaces: the union's organisation, in one small partition."""

from __future__ import annotations

from pynamodb.expressions.condition import Condition

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import BranchItem, EmployerItem, Item, WorkplaceItem
from chalicelib.adapters.dynamo.transactions import AuditedCommitter, Writes
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.organisation import Branch, Employer, Organisation, Workplace


class OrganisationRepository:
    def __init__(self, committer: AuditedCommitter) -> None:
        self._committer = committer

    def load(self) -> Organisation:
        branches, employers, workplaces = [], [], []
        for item in Item.query(keys.ORGANISATION):
            if isinstance(item, BranchItem):
                branches.append(Branch(item.branch_id, item.name))
            elif isinstance(item, EmployerItem):
                employers.append(Employer(item.employer_id, item.name))
            elif isinstance(item, WorkplaceItem):
                workplaces.append(Workplace(item.workplace_id, item.name, item.branch_id, item.employer_id))
        return Organisation(tuple(branches), tuple(employers), tuple(workplaces))

    def add(self, thing: Branch | Employer | Workplace, record: AuditRecord) -> None:
        item = _item(thing)
        writes = Writes()
        condition: Condition = Item.pk.does_not_exist()
        writes.put(item, condition)
        self._committer.commit(writes, [record])


def _item(thing: Branch | Employer | Workplace) -> Item:
    if isinstance(thing, Branch):
        return BranchItem(*keys.branch(thing.id), branch_id=thing.id, name=thing.name)
    if isinstance(thing, Employer):
        return EmployerItem(*keys.employer(thing.id), employer_id=thing.id, name=thing.name)
    return WorkplaceItem(
        *keys.workplace(thing.id),
        workplace_id=thing.id,
        name=thing.name,
        branch_id=thing.branch_id,
        employer_id=thing.employer_id,
    )
