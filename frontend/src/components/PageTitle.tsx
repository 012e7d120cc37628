import { useEffect } from "preact/hooks";
import { useI18n } from "../i18n/context";

/** The page's <h1> (focus target after navigation) and the document title. */
export function PageTitle(props: { title: string }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${props.title} — ${t("app.name")}`;
  }, [props.title, t]);
  return (
    <h1 tabIndex={-1} class="page-title">
      {props.title}
    </h1>
  );
}
