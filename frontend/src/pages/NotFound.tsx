import { Link } from "../components/Link";
import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/context";

export function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <PageTitle title={t("notFound.title")} />
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </section>
  );
}
