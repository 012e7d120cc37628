"""Membership applications: the public join form, the approval workflow's tasks, the officer's decision."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from chalicelib.domain.applications import ApplicationStatus, Decision, MembershipApplication
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.details import check_details
from chalicelib.domain.errors import DecisionExpired, DomainError, InvalidTransition, Msg, NotFound
from chalicelib.domain.members import (
    Language,
    Member,
    MembershipCategory,
    MemberStatus,
    StatusChange,
    register_view,
)
from chalicelib.domain.roles import Principal, Role
from chalicelib.observability import logger, metrics
from chalicelib.services.clock import now_iso, today
from chalicelib.services.ports import Mailer, Store, Workflows
from chalicelib.settings import Settings

SYSTEM = "system:membership-workflow"


@dataclass(frozen=True)
class ApplicationForm:
    email: str
    first_name: str
    last_name: str
    branch_id: str
    workplace_id: str | None = None
    category: str = MembershipCategory.WORKING.value
    phone: str | None = None
    language: str = Language.FI.value


def _target(app: MembershipApplication) -> str:
    return f"application:{app.id}"


class ApplicationService:
    def __init__(self, store: Store, workflows: Workflows, mailer: Mailer, settings: Settings) -> None:
        self._store = store
        self._workflows = workflows
        self._mailer = mailer
        self._settings = settings

    # --- the join form ---------------------------------------------------------------------
    def submit(self, form: ApplicationForm) -> MembershipApplication:
        """Receive an application and start its approval workflow; raises InvalidInput or AlreadyExists."""
        details = check_details(
            {
                "email": form.email,
                "first_name": form.first_name,
                "last_name": form.last_name,
                "phone": form.phone,
            }
        )
        self._store.organisation.load().check_place(form.branch_id, form.workplace_id)
        app = MembershipApplication(
            id=uuid.uuid4().hex,
            email=str(details["email"]),
            first_name=str(details["first_name"]),
            last_name=str(details["last_name"]),
            branch_id=form.branch_id,
            workplace_id=form.workplace_id,
            category=MembershipCategory(form.category),
            language=Language(form.language),
            phone=details.get("phone"),  # type: ignore[arg-type]
            submitted_at=now_iso(),
        )
        after = {"branch_id": app.branch_id, "status": app.status.value}
        self._store.applications.submit(
            app, AuditRecord("public", "application.submitted", _target(app), None, after)
        )
        arn = self._settings.membership_application_state_machine_arn
        self._workflows.start(arn, app.id, {"application_id": app.id})
        self._mailer.send(
            app.email, "application_received", app.language.value, {"first_name": app.first_name}
        )
        return app

    # --- the officer ------------------------------------------------------------------------
    def pending(self, who: Principal, branch_id: str | None) -> list[MembershipApplication]:
        """Applications waiting for a decision in the branches the caller is an officer of."""
        who.require_any({Role.BRANCH_OFFICER, Role.ADMIN})
        if who.has(Role.ADMIN):
            branches = [b.id for b in self._store.organisation.load().branches]
        else:
            branches = sorted(who.officer_branches)
        wanted = [b for b in branches if branch_id in (None, b)]
        found = [a for b in wanted for a in self._store.applications.by_branch(b, ApplicationStatus.PENDING)]
        return sorted(found, key=lambda a: a.submitted_at)

    def decide(
        self, who: Principal, application_id: str, decision: Decision, reason: str | None
    ) -> MembershipApplication:
        """Record the officer's decision and resume the workflow; a second decision raises AlreadyDecided."""
        app = self._get(application_id)
        who.require_officer_of(app.branch_id)
        decided = app.decide(decision, reason, who.member_id, now_iso())
        record = AuditRecord(
            who.member_id,
            f"application.{decided.status.value}",
            _target(app),
            {"status": app.status.value},
            {"status": decided.status.value, "reason": reason},
        )
        self._store.applications.move(app, decided, [record])
        try:
            self._workflows.resume(app.task_token or "", _decision_output(decided, decision))
        except DecisionExpired:
            self._expire(decided, "the workflow no longer waited for a decision")
            raise
        metrics.add_metric(name="MembershipApplicationsDecided", unit="Count", value=1)
        return decided

    # --- the workflow's tasks -----------------------------------------------------------------
    def check(self, application_id: str) -> dict[str, Any]:
        """Task: is the application still one we can decide on?"""
        app = self._store.applications.get(application_id)
        if app is None:
            return {"valid": False, "reason": "the application was not found"}
        try:
            self._store.organisation.load().check_place(app.branch_id, app.workplace_id)
        except DomainError as exc:
            return {"valid": False, "reason": exc.message}
        return {"valid": True, "reason": ""}

    def await_decision(self, application_id: str, task_token: str) -> None:
        """Task: keep the token so the officer's decision can resume the workflow."""
        app = self._get(application_id)
        if app.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.PENDING):
            return
        waiting = replace(app, status=ApplicationStatus.PENDING, task_token=task_token)
        before, after = {"status": app.status.value}, {"status": waiting.status.value}
        record = AuditRecord(SYSTEM, "application.awaiting_decision", _target(app), before, after)
        self._store.applications.move(app, waiting, [record])
        if app.status is ApplicationStatus.SUBMITTED:  # a retried task has told the officers already
            self._tell_officers(waiting)

    def _tell_officers(self, app: MembershipApplication) -> None:
        branch = next((b.name for b in self._store.organisation.load().branches if b.id == app.branch_id), "")
        context = {
            "applicant": f"{app.first_name} {app.last_name}",
            "branch": branch,
            "url": f"{self._settings.public_base_url}/applications",
        }
        for officer_id in self._store.members.holders(Role.BRANCH_OFFICER, app.branch_id):
            officer = self._store.members.get(officer_id)
            if officer is not None and officer.status is MemberStatus.ACTIVE:
                self._mailer.send(officer.email, "application_waiting", officer.language.value, context)

    def admit(self, application_id: str) -> dict[str, Any]:
        """Task: make the approved applicant a member and welcome them (once, whatever the retries)."""
        app = self._get(application_id)
        if app.member_id is None:
            if app.status is not ApplicationStatus.APPROVED:
                raise InvalidTransition(
                    Msg("application {id} is {status}, not approved", id=app.id, status=app.status.value)
                )
            app = self._create_member(app)
        if self._store.applications.mark_decision_letter_sent(app.id):
            context = {"first_name": app.first_name, "url": self._settings.public_base_url}
            self._mailer.send(app.email, "welcome", app.language.value, context)
        return {"member_id": app.member_id}

    def refuse(self, application_id: str, decision: dict[str, Any]) -> None:
        """Task: close a rejected application and tell the applicant why."""
        app = self._get(application_id)
        reason = str(decision.get("reason") or "")
        if app.is_open:
            rejected = replace(app, status=ApplicationStatus.REJECTED, decided_by=SYSTEM, reason=reason)
            record = AuditRecord(
                SYSTEM,
                "application.rejected",
                _target(app),
                {"status": app.status.value},
                {"status": "rejected", "reason": reason},
            )
            self._store.applications.move(app, rejected, [record])
            app = rejected
        self._store.applications.release_address(app)
        if app.status is ApplicationStatus.REJECTED and self._store.applications.mark_decision_letter_sent(
            app.id
        ):
            context = {"first_name": app.first_name, "reason": app.reason or reason}
            self._mailer.send(app.email, "application_rejected", app.language.value, context)

    def expire(self, application_id: str) -> None:
        """Task: nobody decided in time."""
        app = self._get(application_id)
        if app.is_open:
            self._expire(app, "no decision before the deadline")

    def _expire(self, app: MembershipApplication, why: str) -> None:
        expired = replace(app, status=ApplicationStatus.EXPIRED, reason=why)
        record = AuditRecord(
            SYSTEM, "application.expired", _target(app), {"status": app.status.value}, {"status": "expired"}
        )
        self._store.applications.move(app, expired, [record])
        self._store.applications.release_address(expired)
        logger.info("application expired", extra={"application_id": app.id})

    def _create_member(self, app: MembershipApplication) -> MembershipApplication:
        member = Member(
            id=app.id,
            email=app.email,
            first_name=app.first_name,
            last_name=app.last_name,
            branch_id=app.branch_id,
            workplace_id=app.workplace_id,
            category=app.category,
            status=MemberStatus.ACTIVE,
            member_since=today(),
            language=app.language,
            phone=app.phone,
        )
        change = StatusChange(now_iso(), MemberStatus.ACTIVE, member.category, "application approved")
        record = AuditRecord(
            app.decided_by or SYSTEM, "member.admitted", f"member:{member.id}", None, register_view(member)
        )
        admitted = replace(app, member_id=member.id)
        self._store.applications.admit(app, admitted, member, change, record)
        return admitted

    def _get(self, application_id: str) -> MembershipApplication:
        app = self._store.applications.get(application_id)
        if app is None:
            raise NotFound("no such application")
        return app


def _decision_output(app: MembershipApplication, decision: Decision) -> dict[str, Any]:
    return {"decision": decision.value, "reason": app.reason or "", "decided_by": app.decided_by}
