"""Participant exports for the people who manage an event: streamed into a file, answered directly
when small enough, otherwise through a short-lived download link; every export is audited."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Protocol

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.events import Event, EventKind, Participant
from chalicelib.domain.exports import (
    TAKING_PART,
    ExportFormat,
    ExportResult,
    Layout,
    Selection,
    WrittenFile,
    answered_size,
    export_filename,
)
from chalicelib.domain.roles import Principal
from chalicelib.services.ports import Downloads, ExportWriter, Store

ACTION = "participants.exported"


class ManagedEvents(Protocol):
    def require_manager(self, who: Principal, event_id: str, kind: EventKind | None = None) -> Event: ...


@dataclass(frozen=True)
class ExportRequest:
    event_id: str
    kind: EventKind | None
    fmt: ExportFormat
    delimiter: str = ","
    selection: Selection = TAKING_PART
    language: str = "fi"


class _Counted:
    """Participants as they stream past, counted."""

    def __init__(self, participants: Iterable[Participant]) -> None:
        self._participants = participants
        self.count = 0

    def __iter__(self) -> Iterator[Participant]:
        for participant in self._participants:
            self.count += 1
            yield participant


class ParticipantExportService:
    def __init__(
        self,
        events: ManagedEvents,
        store: Store,
        writer: ExportWriter,
        downloads: Downloads,
        inline_limit_bytes: int,
    ) -> None:
        self._events = events
        self._store = store
        self._writer = writer
        self._downloads = downloads
        self._inline_limit = inline_limit_bytes

    def export(self, who: Principal, request: ExportRequest) -> ExportResult:
        """The participants as a file (or a link to it); raises NotFound / NotPermitted from the
        event's gate, DependencyUnavailable when a large file has nowhere to go."""
        event = self._events.require_manager(who, request.event_id, request.kind)
        layout = Layout.for_event(event, request.language)
        participants = _Counted(self._selected(event.id, request.selection))
        written = self._writer.write(request.fmt, layout.rows(participants), request.delimiter)
        result = ExportResult(
            export_filename(event, request.fmt, request.language), request.fmt.media_type, participants.count
        )
        try:
            result = self._deliver(written, result, request.fmt)
        finally:
            written.close()
        # Recorded once the file exists and before anyone gets it: no export leaves unaudited.
        self._store.audit.record(_audit_record(who, event, request, result))
        return result

    def _selected(self, event_id: str, selection: Selection) -> Iterator[Participant]:
        for participant in self._store.events.iter_participants(event_id, selection.fetched):
            if selection.includes(participant):
                yield participant

    def _deliver(self, written: WrittenFile, result: ExportResult, fmt: ExportFormat) -> ExportResult:
        """The bytes themselves when the answer fits in a Lambda response, else a link."""
        if written.size <= self._inline_limit:
            content = written.read()
            if answered_size(content, fmt.is_binary) <= self._inline_limit:
                return replace(result, content=content)
        link = self._downloads.publish(written.file, written.size, result.filename, result.media_type)
        return replace(result, link=link)


def _audit_record(who: Principal, event: Event, request: ExportRequest, result: ExportResult) -> AuditRecord:
    """What was exported, never whom: the format, the statuses, how many rows, how it left."""
    after = {
        "format": request.fmt.value,
        "statuses": request.selection.names(),
        "rows": result.rows,
        "delivery": "inline" if result.content is not None else "link",
    }
    if request.fmt is ExportFormat.CSV:
        after["delimiter"] = request.delimiter
    return AuditRecord(who.member_id, ACTION, f"{event.kind.value}:{event.id}", None, after)
