import { Navigate, Route, Router, useLocation, type RouteSectionProps } from '@solidjs/router';
import { Match, Switch, lazy, onMount, type Component, type ParentProps } from 'solid-js';
import { Shell } from './components/Shell.tsx';
import { Loading } from './components/Feedback.tsx';
import { isAdmin, loadSession, session } from './state/session.ts';
import { SignInPage } from './pages/SignInPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// The editor and the admin screens are loaded when first opened.
const DocumentPage = lazy(() => import('./pages/DocumentPage.tsx').then((m) => ({ default: m.DocumentPage })));
const SessionsPage = lazy(() => import('./pages/SessionsPage.tsx').then((m) => ({ default: m.SessionsPage })));
const SessionPage = lazy(() => import('./pages/SessionPage.tsx').then((m) => ({ default: m.SessionPage })));
const CyclesPage = lazy(() => import('./pages/CyclesPage.tsx').then((m) => ({ default: m.CyclesPage })));
const CycleDashboardPage = lazy(() => import('./pages/cycles/CycleDashboardPage.tsx').then((m) => ({ default: m.CycleDashboardPage })));
const ReportPage = lazy(() => import('./pages/cycles/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const HistoryPage = lazy(() => import('./pages/cycles/HistoryPage.tsx').then((m) => ({ default: m.HistoryPage })));
const ProfilePage = lazy(() => import('./pages/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const TokensPage = lazy(() => import('./pages/TokensPage.tsx').then((m) => ({ default: m.TokensPage })));
const OrganisationsPage = lazy(() => import('./pages/admin/OrganisationsPage.tsx').then((m) => ({ default: m.OrganisationsPage })));
const UsersPage = lazy(() => import('./pages/admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./pages/admin/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const LogoPage = lazy(() => import('./pages/admin/LogoPage.tsx').then((m) => ({ default: m.LogoPage })));
const SlackSubscriptionsPage = lazy(() => import('./pages/admin/SlackSubscriptionsPage.tsx').then((m) => ({ default: m.SlackSubscriptionsPage })));
const AccessPage = lazy(() => import('./pages/admin/AccessPage.tsx').then((m) => ({ default: m.AccessPage })));

function Layout(props: RouteSectionProps) {
  onMount(() => void loadSession().catch(() => undefined));
  return <Shell>{props.children}</Shell>;
}

/** Pages behind sign-in: wait for the session, else go to the sign-in page and come back after. */
function SignedIn(props: ParentProps) {
  const location = useLocation();
  return (
    <Switch>
      <Match when={session() === undefined}>
        <Loading />
      </Match>
      <Match when={session() === null}>
        <Navigate href={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} />
      </Match>
      <Match when={session()}>{props.children}</Match>
    </Switch>
  );
}

function AdminOnly(props: ParentProps) {
  return (
    <SignedIn>
      <Switch>
        <Match when={isAdmin()}>{props.children}</Match>
        <Match when={!isAdmin()}>
          <NotFoundPage />
        </Match>
      </Switch>
    </SignedIn>
  );
}

const guarded = (Page: Component) => () => (
  <SignedIn>
    <Page />
  </SignedIn>
);
const adminOnly = (Page: Component) => () => (
  <AdminOnly>
    <Page />
  </AdminOnly>
);

/** A cycle's page: the coordination unit's dashboard, a focal point's reports. */
function CycleHome() {
  return (
    <Switch>
      <Match when={isAdmin()}>
        <CycleDashboardPage />
      </Match>
      <Match when={!isAdmin()}>
        <ReportPage />
      </Match>
    </Switch>
  );
}

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/" component={guarded(DashboardPage)} />
      <Route path="/documents/:id" component={guarded(DocumentPage)} />
      <Route path="/documents/:id/access" component={guarded(AccessPage)} />
      <Route path="/sessions" component={guarded(SessionsPage)} />
      <Route path="/sessions/:id" component={guarded(SessionPage)} />
      <Route path="/cycles" component={guarded(CyclesPage)} />
      <Route path="/cycles/history" component={guarded(HistoryPage)} />
      <Route path="/cycles/:id" component={guarded(CycleHome)} />
      <Route path="/cycles/:id/report" component={guarded(ReportPage)} />
      <Route path="/profile" component={guarded(ProfilePage)} />
      <Route path="/tokens" component={guarded(TokensPage)} />
      <Route path="/admin/organisations" component={adminOnly(OrganisationsPage)} />
      <Route path="/admin/users" component={adminOnly(UsersPage)} />
      <Route path="/admin/audit" component={adminOnly(AuditPage)} />
      <Route path="/admin/logo" component={adminOnly(LogoPage)} />
      <Route path="/admin/slack" component={adminOnly(SlackSubscriptionsPage)} />
      <Route path="*" component={NotFoundPage} />
    </Router>
  );
}
