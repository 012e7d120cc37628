import { useState } from "preact/hooks";
import type { MyCertificate } from "../../api/types";
import { Loading } from "../../components/Guard";
import { Link } from "../../components/Link";
import { Notice, type Notices, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { deliver } from "../../lib/downloads";
import { formatEventDate } from "../../lib/eventTime";
import { useForm } from "../../lib/forms";
import { inLanguage } from "../../lib/texts";
import { api } from "../../services";
import { LoadState, pagePath, useLoad } from "./shared";

export function MyCertificates() {
  const { t } = useI18n();
  const notices = useNotices();
  const loaded = useLoad(() => api.myCertificates().then((page) => page.items ?? []));
  if (loaded.error) return <LoadState error={loaded.error} title={t("certificates.title")} />;
  const items = loaded.data;
  return (
    <section>
      <PageTitle title={t("certificates.title")} />
      <p>{t("certificates.intro")}</p>
      <Notice notices={notices} owner="certificates" />
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p data-testid="certificates-empty">{t("certificates.empty")}</p>
      ) : (
        <ul class="cards" data-testid="certificates">
          {items.map((c) => (
            <CertificateCard key={c.code} certificate={c} notices={notices} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CertificateCard(props: { certificate: MyCertificate; notices: Notices }) {
  const { t, lang } = useI18n();
  const c = props.certificate;
  const form = useForm("certificates", [], props.notices);
  const [saved, setSaved] = useState(false);
  const download = () =>
    void form.run(async () => {
      await deliver(await api.certificatePdf(c.code), `certificate-${c.code}.pdf`);
      setSaved(true);
      props.notices.status("certificates", (tr) => tr("certificates.downloaded"));
    });
  const title = inLanguage(c.title, lang) || c.training_id;
  return (
    <li class="card" data-testid={`certificate-${c.code}`}>
      <h2 class="card-title">
        <Link to={pagePath("training", c.training_id)}>{title}</Link>
      </h2>
      <dl class="facts">
        <div>
          <dt>{t("certificates.completedOn")}</dt>
          <dd>{formatEventDate(c.completed_on, lang)}</dd>
        </div>
        <div>
          <dt>{t("certificates.hours")}</dt>
          <dd>{c.hours === null || c.hours === undefined ? t("common.notSet") : t("events.hoursValue", { count: c.hours })}</dd>
        </div>
        <div>
          <dt>{t("certificates.code")}</dt>
          <dd>
            <code>{c.code}</code>
          </dd>
        </div>
      </dl>
      <div class="actions">
        <button
          type="button"
          class={saved ? undefined : "primary"}
          data-testid={`download-certificate-${c.code}`}
          aria-label={t("certificates.downloadLabel", { title })}
          disabled={form.busy}
          onClick={download}
        >
          {t("certificates.download")}
        </button>
        <Link to={`/certificates/${encodeURIComponent(c.code)}`} class="button-link">
          {t("certificates.checkLink")}
        </Link>
      </div>
    </li>
  );
}
