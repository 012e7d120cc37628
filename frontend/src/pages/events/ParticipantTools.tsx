/** The organizer's tools on the participant list: exports, and attendance of a training. */
import { useState } from "preact/hooks";
import { EXPORT_FORMATS, type ExportFormat, type Participant, type UnionEvent } from "../../api/types";
import { Notice, type Notices } from "../../components/Notice";
import { useI18n } from "../../i18n/context";
import { deliver } from "../../lib/downloads";
import { alertText, useForm } from "../../lib/forms";
import { fullName } from "../../lib/format";
import { api } from "../../services";

export function ExportButtons(props: { event: UnionEvent; notices: Notices }) {
  const { t } = useI18n();
  const { event } = props;
  const form = useForm("export", [], props.notices);
  const run = (format: ExportFormat) =>
    void form.run(async () => {
      const response = await api.exportParticipants(event.kind, event.id, format);
      const extension = format === "xlsx" ? "xlsx" : "csv";
      const answer = await deliver(response, `${event.kind}-${event.id}-participants.${extension}`);
      props.notices.status("export", (tr) => tr(answer.kind === "link" ? "participants.exportLink" : "participants.exported"));
    });
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">{t("participants.exportTitle")}</h2>
      <p class="hint">{t("participants.exportHint")}</p>
      <div class="actions">
        {EXPORT_FORMATS.map((format) => (
          <button key={format} type="button" data-testid={`export-${format}`} disabled={form.busy} onClick={() => run(format)}>
            {t(`participants.export.${format}`)}
          </button>
        ))}
      </div>
      <Notice notices={props.notices} owner="export" />
    </section>
  );
}

/** Attendance for a confirmed participant of a training: completed or not (a certificate follows). */
export function Completion(props: { event: UnionEvent; row: Participant; onRow: (row: Participant) => void; notices: Notices }) {
  const { t } = useI18n();
  const { row } = props;
  const [busy, setBusy] = useState(false);
  if (row.status !== "confirmed") return null;
  const name = fullName(row);
  // Shown at once (a controlled box would otherwise spring back while the request runs); undone on failure.
  const mark = async (completed: boolean) => {
    setBusy(true);
    props.notices.clear();
    props.onRow({ ...row, completed });
    try {
      const done = await api.markAttendance(props.event.id, row.member_id, completed);
      props.onRow({ ...row, completed: done.completed });
      const key = done.completed ? "participants.markedCompleted" : "participants.markedNotCompleted";
      props.notices.status("participants", (tr) => tr(key, { name }));
    } catch (error) {
      props.onRow(row);
      props.notices.alert("participants", (tr) => alertText(error, tr, false, []));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="field checkbox compact">
      <input
        id={`completed-${row.member_id}`}
        type="checkbox"
        name="completed"
        data-testid={`completed-${row.member_id}`}
        checked={row.completed}
        disabled={busy}
        onChange={(e) => void mark(e.currentTarget.checked)}
      />
      <label for={`completed-${row.member_id}`}>
        <span aria-hidden="true">{t("participants.completedShort")}</span>
        <span class="visually-hidden">{t("participants.completedLabel", { name })}</span>
      </label>
    </div>
  );
}
