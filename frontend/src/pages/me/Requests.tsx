/** Self-service requests on My details: transfer, retirement, resignation link, data export. */
import { useState } from "preact/hooks";
import type { Me, TransferRequestBody } from "../../api/types";
import { BranchSelects } from "../../components/BranchSelects";
import { TextAreaField, TextField } from "../../components/Field";
import { Link } from "../../components/Link";
import { Notice, type Notices } from "../../components/Notice";
import { useI18n } from "../../i18n/context";
import type { BranchDirectory } from "../../lib/branches";
import { downloadJson } from "../../lib/files";
import { type FieldErrors, useForm } from "../../lib/forms";
import { todayIso } from "../../lib/format";
import { api, session } from "../../services";

const TRANSFER_FIELDS = ["branch_id", "workplace_id", "reason"] as const;

export function TransferSection(props: { me: Me; directory: BranchDirectory; notices: Notices; onDone: () => void }) {
  const { t } = useI18n();
  const form = useForm("transfer", TRANSFER_FIELDS, props.notices);
  const [branchId, setBranchId] = useState("");
  const [workplaceId, setWorkplaceId] = useState("");
  const [reason, setReason] = useState("");

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const clientErrors: FieldErrors<(typeof TRANSFER_FIELDS)[number]> = {};
    if (!branchId && !workplaceId) clientErrors.branch_id = t("transfer.nothingChosen");
    void form.run(
      async () => {
        const body: TransferRequestBody = {};
        if (branchId) body.branch_id = branchId;
        if (workplaceId) body.workplace_id = workplaceId;
        if (reason.trim()) body.reason = reason.trim();
        await api.requestTransfer(body);
        setBranchId("");
        setWorkplaceId("");
        setReason("");
        props.notices.status("transfer", (tr) => tr("transfer.sent"));
        props.onDone();
      },
      { clientErrors },
    );
  };

  return (
    <section class="card" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t("transfer.title")}</h2>
      <p>{t("transfer.intro")}</p>
      <form ref={form.formRef} onSubmit={onSubmit} noValidate>
        <BranchSelects
          idPrefix="transfer"
          directory={props.directory}
          branchId={branchId}
          workplaceId={workplaceId}
          onBranch={setBranchId}
          onWorkplace={setWorkplaceId}
          branchLabel={t("fields.branch_id")}
          workplaceLabel={t("fields.workplace_id")}
          branchPlaceholder={t("transfer.keep")}
          workplacePlaceholder={t("transfer.keep")}
          branchError={form.errors.branch_id}
          workplaceError={form.errors.workplace_id}
          fallbackBranchId={props.me.branch_id}
        />
        <TextAreaField
          id="transfer-reason"
          name="reason"
          label={t("fields.reason")}
          optional
          value={reason}
          onValue={setReason}
          error={form.errors.reason}
          maxLength={2000}
        />
        <Notice notices={props.notices} owner="transfer" />
        <div class="actions">
          <button type="submit" data-testid="submit-transfer" disabled={form.busy}>
            {t("transfer.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

const RETIREMENT_FIELDS = ["retirement_date"] as const;

export function RetirementSection(props: { notices: Notices }) {
  const { t } = useI18n();
  const form = useForm("retirement", RETIREMENT_FIELDS, props.notices);
  const [date, setDate] = useState("");

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const clientErrors: FieldErrors<"retirement_date"> = {};
    if (!date) clientErrors.retirement_date = t("errors.date");
    void form.run(
      async () => {
        const updated = await api.reportRetirement(date);
        session.setMe(updated);
        props.notices.status("retirement", (tr) => tr("retirement.saved"));
      },
      { clientErrors },
    );
  };

  return (
    <section class="card" aria-labelledby="retirement-title">
      <h2 id="retirement-title">{t("retirement.title")}</h2>
      <p>{t("retirement.intro")}</p>
      <form ref={form.formRef} onSubmit={onSubmit} noValidate>
        <TextField
          id="retirement-date"
          name="retirement_date"
          type="date"
          label={t("fields.retirement_date")}
          value={date}
          onValue={setDate}
          required
          error={form.errors.retirement_date}
        />
        <Notice notices={props.notices} owner="retirement" />
        <div class="actions">
          <button type="submit" data-testid="submit-retirement" disabled={form.busy}>
            {t("retirement.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ResignationSection(props: { me: Me }) {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="resignation-title">
      <h2 id="resignation-title">{t("resignation.title")}</h2>
      {props.me.status === "resigned" ? (
        <p>{t("resignation.alreadyResigned")}</p>
      ) : (
        <>
          <p>{t("resignation.sectionIntro")}</p>
          <p>
            <Link to="/me/resignation" class="button-link" data-testid="start-resignation">
              {t("resignation.start")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

const NO_FIELDS = [] as const;

export function ExportSection(props: { notices: Notices }) {
  const { t } = useI18n();
  const form = useForm("export", NO_FIELDS, props.notices);
  const onClick = () =>
    void form.run(async () => {
      const data = await api.exportMyData();
      downloadJson(data, `union-portal-my-data-${todayIso()}.json`);
      props.notices.status("export", (tr) => tr("exportData.done"));
    });
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">{t("exportData.title")}</h2>
      <p>{t("exportData.intro")}</p>
      <Notice notices={props.notices} owner="export" />
      <div class="actions">
        <button type="button" data-testid="download-data" onClick={onClick} disabled={form.busy}>
          {t("exportData.button")}
        </button>
      </div>
    </section>
  );
}
