import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import type { Role } from "../api/types";
import { useI18n } from "../i18n/context";
import { navigate } from "../lib/router";
import { hasAnyRole, useSession } from "../services";
import { PageTitle } from "./PageTitle";

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" aria-busy="true">
      {t("app.loading")}
    </p>
  );
}

/** Shows its children only to a signed-in user with one of `roles` (any signed-in user if omitted). */
export function Guard(props: { roles?: readonly Role[]; children: ComponentChildren }) {
  const { t } = useI18n();
  const { phase, me } = useSession();

  useEffect(() => {
    if (phase === "signedOut") {
      const here = window.location.pathname + window.location.search;
      navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
    }
  }, [phase]);

  if (phase !== "signedIn") return <Loading />;
  if (props.roles && !hasAnyRole(me, props.roles)) {
    return (
      <section>
        <PageTitle title={t("noAccess.title")} />
        <p role="alert" class="notice notice-error">
          {t("errors.noAccess")}
        </p>
      </section>
    );
  }
  return <>{props.children}</>;
}
