import type { FunctionComponent } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { Role } from "./api/types";
import { Guard } from "./components/Guard";
import { Header } from "./components/Header";
import { useI18n } from "./i18n/context";
import { useLocation } from "./lib/router";
import { Applications } from "./pages/Applications";
import { Home } from "./pages/Home";
import { Import } from "./pages/Import";
import { Join } from "./pages/Join";
import { Members } from "./pages/Members";
import { MyDetails } from "./pages/MyDetails";
import { NotFound } from "./pages/NotFound";
import { Resignation } from "./pages/Resignation";
import { SignIn } from "./pages/SignIn";
import { ADMIN_ROLES, APPROVER_ROLES, STAFF_ROLES } from "./services";

interface Route {
  path: string;
  page: FunctionComponent;
  /** undefined: public; []: any signed-in user; otherwise one of these roles. */
  roles?: readonly Role[];
}

export const ROUTES: Route[] = [
  { path: "/", page: Home },
  { path: "/sign-in", page: SignIn },
  { path: "/join", page: Join },
  { path: "/me", page: MyDetails, roles: [] },
  { path: "/me/resignation", page: Resignation, roles: [] },
  { path: "/applications", page: Applications, roles: APPROVER_ROLES },
  { path: "/members", page: Members, roles: STAFF_ROLES },
  { path: "/admin/import", page: Import, roles: ADMIN_ROLES },
];

export function App() {
  const { t } = useI18n();
  const { path } = useLocation();
  const route = ROUTES.find((r) => r.path === path);
  const Page = route?.page ?? NotFound;
  const first = useRef(true);

  // After an in-app navigation, move focus to the new page's heading (screen readers
  // announce it) and scroll to the top; not on the first load.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>("main h1")?.focus());
  }, [path]);

  const roles = route?.roles;
  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <Header path={path} />
      <main id="main" tabIndex={-1}>
        {roles === undefined ? (
          <Page key={path} />
        ) : (
          <Guard roles={roles.length ? roles : undefined} key={path}>
            <Page />
          </Guard>
        )}
      </main>
      <footer class="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}
