import { useEffect, useState } from "preact/hooks";
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

export interface NavItem {
  to: string;
  label: string;
  testId: string;
}

/** The item for the page we are on: the longest link that is the path or a parent of it. */
export function currentItem(items: readonly NavItem[], path: string): string | null {
  const matches = items.filter((i) => (i.to === "/" ? path === "/" : path === i.to || path.startsWith(`${i.to}/`)));
  return matches.sort((a, b) => b.to.length - a.to.length)[0]?.to ?? null;
}

export function navItems(t: ReturnType<typeof useI18n>["t"], phase: string, me: Parameters<typeof hasAnyRole>[0]): NavItem[] {
  const items: NavItem[] = [{ to: "/", label: t("nav.home"), testId: "nav-home" }];
  if (phase === "signedIn") {
    items.push({ to: "/me", label: t("nav.me"), testId: "nav-me" });
    items.push({ to: "/events", label: t("nav.events"), testId: "nav-events" });
    items.push({ to: "/trainings", label: t("nav.trainings"), testId: "nav-trainings" });
    items.push({ to: "/me/registrations", label: t("nav.registrations"), testId: "nav-my-registrations" });
    items.push({ to: "/me/certificates", label: t("nav.certificates"), testId: "nav-my-certificates" });
    items.push({ to: "/elections", label: t("nav.elections"), testId: "nav-elections" });
    if (hasAnyRole(me, APPROVER_ROLES)) {
      items.push({ to: "/applications", label: t("nav.applications"), testId: "nav-applications" });
      items.push({ to: "/enrolments", label: t("nav.enrolments"), testId: "nav-enrolments" });
    }
    if (hasAnyRole(me, STAFF_ROLES)) items.push({ to: "/members", label: t("nav.members"), testId: "nav-members" });
    if (hasAnyRole(me, ADMIN_ROLES)) items.push({ to: "/admin/import", label: t("nav.import"), testId: "nav-import" });
  } else if (phase === "signedOut") {
    items.push({ to: "/join", label: t("nav.join"), testId: "nav-join" });
    items.push({ to: "/sign-in", label: t("nav.signIn"), testId: "nav-sign-in" });
  }
  return items;
}

export function Header(props: { path: string }) {
  const { t } = useI18n();
  const { phase, me } = useSession();
  const signedIn = phase === "signedIn";
  // On a phone the menu folds behind a button; on wider screens the button is hidden (CSS).
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [props.path]);

  const items = navItems(t, phase, me);
  const current = currentItem(items, props.path);

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
        <button
          type="button"
          class="menu-toggle"
          data-testid="menu-toggle"
          aria-expanded={open ? "true" : "false"}
          aria-controls="main-nav-list"
          onClick={() => setOpen((o) => !o)}
        >
          {t("nav.menu")}
        </button>
      </div>
      <nav aria-label={t("nav.label")} class={open ? "main-nav open" : "main-nav"}>
        <ul id="main-nav-list">
          {items.map((item) => (
            <li key={item.to}>
              <Link to={item.to} data-testid={item.testId} aria-current={current === item.to ? "page" : undefined}>
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
