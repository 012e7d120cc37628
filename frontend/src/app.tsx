import type { FunctionComponent } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { EventKind, Role } from "./api/types";
import { Guard } from "./components/Guard";
import { Header } from "./components/Header";
import { useI18n } from "./i18n/context";
import { matchPath, useLocation } from "./lib/router";
import { Applications } from "./pages/Applications";
import { CertificateCheck } from "./pages/CertificateCheck";
import { Enrolments } from "./pages/Enrolments";
import { BallotPage } from "./pages/elections/BallotPage";
import { BoardPage } from "./pages/elections/BoardPage";
import { ElectionDetail } from "./pages/elections/ElectionDetail";
import { ElectionEdit } from "./pages/elections/ElectionEdit";
import { ElectionList } from "./pages/elections/ElectionList";
import { ManagePage } from "./pages/elections/ManagePage";
import { ResultsPage } from "./pages/elections/ResultsPage";
import { Checkin } from "./pages/events/Checkin";
import { EventDetail } from "./pages/events/EventDetail";
import { EventEdit } from "./pages/events/EventEdit";
import { EventList } from "./pages/events/EventList";
import { MyCertificates } from "./pages/events/MyCertificates";
import { MyRegistrations } from "./pages/events/MyRegistrations";
import { Participants } from "./pages/events/Participants";
import { Home } from "./pages/Home";
import { Import } from "./pages/Import";
import { Join } from "./pages/Join";
import { Members } from "./pages/Members";
import { MyDetails } from "./pages/MyDetails";
import { NotFound } from "./pages/NotFound";
import { Resignation } from "./pages/Resignation";
import { SignIn } from "./pages/SignIn";
import { ADMIN_ROLES, APPROVER_ROLES, ELECTION_ROLES, ORGANIZER_ROLES, STAFF_ROLES } from "./services";

export interface PageProps {
  /** The path's named segments (":id" → params.id). */
  params: Record<string, string>;
  kind: EventKind;
}

interface Route {
  /** A path; segments starting with ":" match any one segment. */
  path: string;
  page: FunctionComponent<PageProps>;
  /** undefined: public; []: any signed-in user; otherwise one of these roles. */
  roles?: readonly Role[];
  kind?: EventKind;
}

/** The pages of events and of trainings: the same pages under two paths. */
function eventRoutes(base: string, kind: EventKind): Route[] {
  return [
    { path: base, page: EventList, roles: [], kind },
    // Before ":id", which "new" would match too.
    { path: `${base}/new`, page: EventEdit, roles: ORGANIZER_ROLES, kind },
    { path: `${base}/:id`, page: EventDetail, roles: [], kind },
    { path: `${base}/:id/edit`, page: EventEdit, roles: ORGANIZER_ROLES, kind },
    { path: `${base}/:id/participants`, page: Participants, roles: ORGANIZER_ROLES, kind },
    { path: `${base}/:id/checkin`, page: Checkin, roles: ORGANIZER_ROLES, kind },
  ];
}

export const ROUTES: Route[] = [
  { path: "/", page: Home },
  { path: "/sign-in", page: SignIn },
  { path: "/join", page: Join },
  { path: "/me", page: MyDetails, roles: [] },
  { path: "/me/resignation", page: Resignation, roles: [] },
  { path: "/me/registrations", page: MyRegistrations, roles: [] },
  { path: "/me/certificates", page: MyCertificates, roles: [] },
  { path: "/applications", page: Applications, roles: APPROVER_ROLES },
  { path: "/enrolments", page: Enrolments, roles: APPROVER_ROLES },
  { path: "/members", page: Members, roles: STAFF_ROLES },
  { path: "/admin/import", page: Import, roles: ADMIN_ROLES },
  ...eventRoutes("/events", "event"),
  ...eventRoutes("/trainings", "training"),
  { path: "/elections", page: ElectionList, roles: [] },
  // Before ":id", which "new" would match too.
  { path: "/elections/new", page: ElectionEdit, roles: ELECTION_ROLES },
  { path: "/elections/:id", page: ElectionDetail, roles: [] },
  { path: "/elections/:id/vote", page: BallotPage, roles: [] },
  // The board and the results are public: anyone may check an election.
  { path: "/elections/:id/board", page: BoardPage },
  { path: "/elections/:id/results", page: ResultsPage },
  { path: "/elections/:id/edit", page: ElectionEdit, roles: ELECTION_ROLES },
  { path: "/elections/:id/manage", page: ManagePage, roles: ELECTION_ROLES },
  { path: "/certificates", page: CertificateCheck },
  { path: "/certificates/:code", page: CertificateCheck },
];

export function findRoute(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  const { t } = useI18n();
  const { path } = useLocation();
  const found = findRoute(path);
  const Page = found?.route.page ?? NotFound;
  const pageProps: PageProps = { params: found?.params ?? {}, kind: found?.route.kind ?? "event" };
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

  const roles = found?.route.roles;
  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <Header path={path} />
      <main id="main" tabIndex={-1}>
        {roles === undefined ? (
          <Page key={path} {...pageProps} />
        ) : (
          <Guard roles={roles.length ? roles : undefined} key={path}>
            <Page {...pageProps} />
          </Guard>
        )}
      </main>
      <footer class="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}
