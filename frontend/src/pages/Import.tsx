import { useState } from "preact/hooks";
import type { ImportReport } from "../api/types";
import { CheckboxField } from "../components/Field";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/context";
import { fileToBase64, hasImportExtension } from "../lib/files";
import { type FieldErrors, useForm } from "../lib/forms";
import { api } from "../services";

/** Base64 grows a file by a third; this keeps a request well under the API's payload limit. */
export const MAX_IMPORT_MB = 4;
const FIELDS = ["file", "filename", "content_base64", "dry_run"] as const;
type ImportField = (typeof FIELDS)[number];
const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function Import() {
  const { t } = useI18n();
  const notices = useNotices();
  const form = useForm("import", FIELDS, notices);
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [report, setReport] = useState<{ data: ImportReport; dryRun: boolean } | null>(null);

  const fileErrorPath = (["file", "filename", "content_base64"] as const).find((p) => form.errors[p]);
  const fileError = fileErrorPath ? form.errors[fileErrorPath] : undefined;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const clientErrors: FieldErrors<ImportField> = {};
    if (!file || !hasImportExtension(file.name)) clientErrors.file = t("errors.file");
    else if (file.size > MAX_IMPORT_MB * 1024 * 1024) clientErrors.file = t("errors.fileTooLarge", { size: MAX_IMPORT_MB });
    void form.run(
      async () => {
        if (!file) return;
        setReport(null);
        const data = await api.importMembers({
          filename: file.name,
          content_base64: await fileToBase64(file),
          dry_run: dryRun,
        });
        const rejected = data.rejected ?? [];
        setReport({ data: { ...data, rejected }, dryRun });
        if (!dryRun && rejected.length) notices.alert("import", (tr) => tr("import.rejectedNothingSaved"));
        else notices.status("import", (tr) => tr(dryRun ? "import.checked" : "import.imported"));
      },
      { clientErrors },
    );
  };

  const describedBy = ["import-file-hint", fileError ? "import-file-error" : ""].filter(Boolean).join(" ");

  return (
    <section>
      <PageTitle title={t("import.title")} />
      <p>{t("import.intro")}</p>
      <form ref={form.formRef} onSubmit={onSubmit} noValidate class="card narrow-card">
        <div class={fileError ? "field has-error" : "field"}>
          <label for="import-file">{t("import.file")}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept={ACCEPT}
            data-testid="import-file"
            required
            aria-invalid={fileError ? "true" : undefined}
            aria-describedby={describedBy}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setReport(null);
            }}
          />
          <p id="import-file-hint" class="hint">
            {t("import.fileHint")}
          </p>
          {fileError ? (
            <p id="import-file-error" class="field-error" data-testid={`error-${fileErrorPath}`}>
              {fileError}
            </p>
          ) : null}
        </div>
        <CheckboxField
          id="import-dry-run"
          name="dry_run"
          label={t("import.dryRun")}
          checked={dryRun}
          onChecked={setDryRun}
          error={form.errors.dry_run}
        />
        <Notice notices={notices} owner="import" />
        <div class="actions">
          <button type="submit" class="primary" data-testid="run-import" disabled={form.busy}>
            {dryRun ? t("import.check") : t("import.submit")}
          </button>
        </div>
      </form>
      {report ? <ImportResult report={report.data} /> : null}
    </section>
  );
}

function ImportResult(props: { report: ImportReport }) {
  const { t } = useI18n();
  const { report } = props;
  return (
    <section class="card" aria-labelledby="import-report-title" data-testid="import-report">
      <h2 id="import-report-title">{t("import.reportTitle")}</h2>
      <dl class="counts">
        <div>
          <dt>{t("import.created")}</dt>
          <dd data-testid="import-created">{report.created}</dd>
        </div>
        <div>
          <dt>{t("import.updated")}</dt>
          <dd data-testid="import-updated">{report.updated}</dd>
        </div>
        <div>
          <dt>{t("import.unchanged")}</dt>
          <dd data-testid="import-unchanged">{report.unchanged}</dd>
        </div>
        <div>
          <dt>{t("import.rejectedCount")}</dt>
          <dd data-testid="import-rejected">{report.rejected.length}</dd>
        </div>
      </dl>
      {report.rejected.length === 0 ? (
        <p>{t("import.noRejected")}</p>
      ) : (
        <>
          <h3 id="rejected-title">{t("import.rejectedTitle")}</h3>
          <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="rejected-title">
            <table data-testid="rejected-rows">
              <thead>
                <tr>
                  <th scope="col">{t("import.row")}</th>
                  <th scope="col">{t("import.problems")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.map((r) => (
                  <tr key={r.row} data-testid={`rejected-row-${r.row}`}>
                    <th scope="row">{r.row}</th>
                    <td>
                      <ul class="plain-list">
                        {r.fields.map((f, i) => (
                          <li key={`${f.path}-${i}`}>
                            <code>{f.path}</code>: {f.message}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
