import { LANGUAGES, type Language } from "../api/types";
import { useI18n } from "../i18n/context";
import { isLanguage } from "../i18n";
import { setFlash } from "../lib/flash";
import { navigate } from "../lib/router";
import { ADMIN_ROLES, APPROVER_ROLES, STAFF_ROLES, hasAnyRole, session, useSession } from "../services";
import { Link } from "./Link";

function LanguageSwitcher() {
  const { t, lang, setLanguage } = useI18n();
  return (
    <div class="language">
      <label for="language-switcher">{t("app.language")}</label>
      <select
        id="language-switcher"
        name="language"
        data-testid="language"
        value={lang}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (isLanguage(value)) setLanguage(value as Language);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`languages.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

interface NavItem {
  to: string;
  label: string;
  testId: string;
}

export function Header(props: { path: string }) {
  const { t } = useI18n();
  const { phase, me } = useSession();
  const signedIn = phase === "signedIn";

  const items: NavItem[] = [{ to: "/", label: t("nav.home"), testId: "nav-home" }];
  if (signedIn) {
    items.push({ to: "/me", label: t("nav.me"), testId: "nav-me" });
    if (hasAnyRole(me, APPROVER_ROLES)) items.push({ to: "/applications", label: t("nav.applications"), testId: "nav-applications" });
    if (hasAnyRole(me, STAFF_ROLES)) items.push({ to: "/members", label: t("nav.members"), testId: "nav-members" });
    if (hasAnyRole(me, ADMIN_ROLES)) items.push({ to: "/admin/import", label: t("nav.import"), testId: "nav-import" });
  } else if (phase === "signedOut") {
    items.push({ to: "/join", label: t("nav.join"), testId: "nav-join" });
    items.push({ to: "/sign-in", label: t("nav.signIn"), testId: "nav-sign-in" });
  }

  const isCurrent = (to: string) => (to === "/" ? props.path === "/" : props.path === to || props.path.startsWith(`${to}/`));

  const signOut = async () => {
    await session.signOut();
    setFlash({ kind: "status", key: "signIn.signedOut" });
    navigate("/");
  };

  return (
    <header class="site-header">
      <div class="header-bar">
        <Link to="/" class="brand">
          {t("app.name")}
        </Link>
        <LanguageSwitcher />
      </div>
      <nav aria-label={t("nav.label")} class="main-nav">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <Link to={item.to} data-testid={item.testId} aria-current={isCurrent(item.to) ? "page" : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
          {signedIn ? (
            <li class="sign-out">
              <button type="button" class="link-button" data-testid="sign-out" onClick={() => void signOut()}>
                {t("nav.signOut")}
              </button>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}
