"""Attendance and certificates: a manager marks a training completed, the member gets a
certificate with a public code, anyone can check a code, the owner downloads the PDF."""

from __future__ import annotations

from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.certificates import new_code, normalised
from chalicelib.domain.errors import DependencyUnavailable, NotFound, NotPermitted
from chalicelib.domain.events import Certificate, EventKind, NotConfirmed, Participant, RegistrationStatus
from chalicelib.domain.roles import Principal, Role
from chalicelib.services.event_mail import EventMail
from chalicelib.services.events import EventService
from chalicelib.services.ports import CertificateFiles, Store


@dataclass(frozen=True)
class Attendance:
    participant: Participant
    certificate_code: str | None


class CertificateService:
    def __init__(
        self,
        store: Store,
        events: EventService,
        mail: EventMail,
        pdf: CertificateFiles | None,
        union_name: str,
    ) -> None:
        self._store = store
        self._events = events
        self._mail = mail
        self._pdf = pdf
        self._union = union_name

    @property
    def union_name(self) -> str:
        return self._union

    def attendance(self, who: Principal, training_id: str, member_id: str, completed: bool) -> Attendance:
        """Mark a confirmed participant as having completed the training (a certificate, mailed) or
        withdraw it (the certificate is revoked); repeating either changes nothing. Audited."""
        training = self._events.require_manager(who, training_id, EventKind.TRAINING)
        p = self._store.events.registration(training.id, member_id)
        if p is None or p.status is not RegistrationStatus.CONFIRMED:
            raise NotConfirmed("only confirmed participants can complete a training")
        code = self._store.trainings.completion_code(member_id, training.id) if p.completed else None
        target = f"registration:{training.id}:{member_id}"
        if completed and not p.completed:
            completed_on = training.ends_at.astimezone(ZoneInfo(training.timezone)).date()
            cert = Certificate(
                new_code(), member_id, p.name, training.id, training.title, completed_on, training.hours
            )
            record = AuditRecord(
                who.member_id, "training.completed", target, None, {"certificate": cert.code}
            )
            self._store.trainings.complete(p, cert, record)
            self._mail.to_participant("certificate_ready", training, p, code=cert.code)
            return Attendance(replace(p, completed=True), cert.code)
        if not completed and p.completed:
            record = AuditRecord(
                who.member_id, "training.completion_withdrawn", target, {"certificate": code}, None
            )
            self._store.trainings.withdraw_completion(p, code, record)
            return Attendance(replace(p, completed=False), None)
        return Attendance(p, code)

    def mine(self, who: Principal) -> list[Certificate]:
        codes = list(self._store.trainings.completed_trainings(who.member_id).values())
        found = [c for c in self._store.trainings.certificates(codes) if not c.revoked]
        return sorted(found, key=lambda c: c.completed_on, reverse=True)

    def check(self, code: str) -> Certificate:
        """The genuine certificate with that code; NotFound for a code that is not one of ours, or
        was revoked."""
        canonical = normalised(code)
        cert = self._store.trainings.certificate(canonical) if canonical else None
        if cert is None or cert.revoked:
            raise NotFound("no genuine certificate has this code")
        return cert

    def pdf(self, who: Principal, code: str) -> bytes:
        """The certificate as a PDF, for its owner or an admin."""
        cert = self.check(code)
        if cert.member_id != who.member_id and not who.has(Role.ADMIN):
            raise NotPermitted("only the certificate's owner may download it")
        if self._pdf is None:
            raise DependencyUnavailable("certificates cannot be printed at the moment")
        owner = self._store.members.get(cert.member_id)
        language = owner.language.value if owner else "fi"
        return self._pdf.certificate_pdf(cert, self._union, language, self._mail.page(""))
