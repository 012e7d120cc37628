import { Link } from "../components/Link";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/context";
import { ADMIN_ROLES, APPROVER_ROLES, ORGANIZER_ROLES, STAFF_ROLES, hasAnyRole, useSession } from "../services";

export function Home() {
  const { t } = useI18n();
  const notices = useNotices();
  const { phase, me } = useSession();

  return (
    <section>
      <PageTitle title={t("home.title")} />
      <Notice notices={notices} owner="page" />
      {phase === "signedIn" && me ? (
        <>
          <p class="lead">{t("home.greeting", { name: me.first_name || me.email })}</p>
          <p>{t("home.signedInIntro")}</p>
          <ul class="cta-list">
            <li>
              <Link to="/me" class="cta">
                {t("home.meCta")}
              </Link>
            </li>
            <li>
              <Link to="/events" class="cta" data-testid="cta-events">
                {t("home.eventsCta")}
              </Link>
            </li>
            <li>
              <Link to="/trainings" class="cta" data-testid="cta-trainings">
                {t("home.trainingsCta")}
              </Link>
            </li>
            <li>
              <Link to="/me/registrations" class="cta" data-testid="cta-registrations">
                {t("home.registrationsCta")}
              </Link>
            </li>
            <li>
              <Link to="/me/certificates" class="cta" data-testid="cta-certificates">
                {t("home.certificatesCta")}
              </Link>
            </li>
            {hasAnyRole(me, ORGANIZER_ROLES) ? (
              <li>
                <Link to="/events/new" class="cta" data-testid="cta-new-event">
                  {t("home.newEventCta")}
                </Link>
              </li>
            ) : null}
            {hasAnyRole(me, APPROVER_ROLES) ? (
              <li>
                <Link to="/applications" class="cta">
                  {t("home.applicationsCta")}
                </Link>
              </li>
            ) : null}
            {hasAnyRole(me, APPROVER_ROLES) ? (
              <li>
                <Link to="/enrolments" class="cta" data-testid="cta-enrolments">
                  {t("home.enrolmentsCta")}
                </Link>
              </li>
            ) : null}
            {hasAnyRole(me, STAFF_ROLES) ? (
              <li>
                <Link to="/members" class="cta">
                  {t("home.membersCta")}
                </Link>
              </li>
            ) : null}
            {hasAnyRole(me, ADMIN_ROLES) ? (
              <li>
                <Link to="/admin/import" class="cta">
                  {t("home.importCta")}
                </Link>
              </li>
            ) : null}
          </ul>
        </>
      ) : (
        <>
          <p class="lead">{t("home.intro")}</p>
          <ul class="cta-list">
            <li>
              <Link to="/sign-in" class="cta">
                {t("home.signInCta")}
              </Link>
            </li>
            <li>
              <Link to="/join" class="cta">
                {t("home.joinCta")}
              </Link>
            </li>
          </ul>
        </>
      )}
    </section>
  );
}
