import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { KoliBriReady, loadKoliBri } from './kolibri-gate.tsx';
import { Layout } from './Layout.tsx';
import { ACCESS, hasRole, SessionProvider, useSession } from './session.tsx';
import { Loading } from './ui/native.tsx';

const Login = lazy(() => import('./screens/Login.tsx'));
const Home = lazy(() => import('./screens/Home.tsx'));
const Account = lazy(() => import('./screens/Account.tsx'));
const Municipalities = lazy(() => import('./screens/Municipalities.tsx'));
const Users = lazy(() => import('./screens/Users.tsx'));
const UserCreate = lazy(() => import('./screens/UserCreate.tsx'));
const UserDetail = lazy(() => import('./screens/UserDetail.tsx'));
const Audit = lazy(() => import('./screens/Audit.tsx'));
const NotFound = lazy(() => import('./screens/NotFound.tsx'));
const AssessmentList = lazy(() => import('./screens/assessments/AssessmentList.tsx'));
const AssessmentOverview = lazy(() => import('./screens/assessments/AssessmentOverview.tsx'));
const TopicAnswers = lazy(() => import('./screens/assessments/TopicAnswers.tsx'));
const AssessmentComparison = lazy(() => import('./screens/assessments/Comparison.tsx'));
const Measures = lazy(() => import('./screens/measures/Measures.tsx'));
const MeasureDetail = lazy(() => import('./screens/measures/MeasureDetail.tsx'));
const PackageDetail = lazy(() => import('./screens/measures/PackageDetail.tsx'));
const AuditorHome = lazy(() => import('./screens/auditor/AuditorHome.tsx'));
const StateOverview = lazy(() => import('./screens/ministry/StateOverview.tsx'));
const StateMap = lazy(() => import('./screens/ministry/StateMap.tsx'));
const TopicDistribution = lazy(() => import('./screens/ministry/TopicDistribution.tsx'));
const KommuneDetail = lazy(() => import('./screens/ministry/KommuneDetail.tsx'));
const Aggregates = lazy(() => import('./screens/observer/Aggregates.tsx'));
const Catalogs = lazy(() => import('./screens/admin/Catalogs.tsx'));
const ScanOverview = lazy(() => import('./screens/scans/ScanOverview.tsx'));
const ScanFindings = lazy(() => import('./screens/scans/Findings.tsx'));
const ScanFindingDetail = lazy(() => import('./screens/scans/FindingDetail.tsx'));
const ScanAssets = lazy(() => import('./screens/scans/Assets.tsx'));
const ScanAuthorisations = lazy(() => import('./screens/scans/Authorisations.tsx'));
const ScanRuns = lazy(() => import('./screens/scans/Runs.tsx'));
const ScanRunDetail = lazy(() => import('./screens/scans/Runs.tsx').then((m) => ({ default: m.RunDetail })));
const ScanSchedules = lazy(() => import('./screens/scans/Schedules.tsx'));
const Incidents = lazy(() => import('./screens/incidents/Incidents.tsx'));
const IncidentNew = lazy(() => import('./screens/incidents/IncidentNew.tsx'));
const IncidentDetail = lazy(() => import('./screens/incidents/IncidentDetail.tsx'));
const Warnings = lazy(() => import('./screens/warnings/Warnings.tsx'));
const WarningDetail = lazy(() => import('./screens/warnings/WarningDetail.tsx'));
const Advisories = lazy(() => import('./screens/cert/Advisories.tsx'));
const AdvisoryDetail = lazy(() => import('./screens/cert/AdvisoryDetail.tsx'));
const AdvisoryReview = lazy(() => import('./screens/cert/ReviewQueue.tsx'));
const AdvisoryAliases = lazy(() => import('./screens/cert/Aliases.tsx'));

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route element={<Layout />}>
            <Route path="/anmelden" element={<Screen element={<Login />} />} />
            <Route path="/" element={<Screen signedIn element={<Home />} />} />
            <Route path="/konto" element={<Screen signedIn element={<Account />} />} />
            <Route path="/kommunen" element={<Screen area="municipalities" element={<Municipalities />} />} />
            <Route path="/benutzer" element={<Screen area="users" element={<Users />} />} />
            <Route path="/benutzer/neu" element={<Screen area="users" element={<UserCreate />} />} />
            <Route path="/benutzer/:id" element={<Screen area="users" element={<UserDetail />} />} />
            <Route path="/protokoll" element={<Screen area="audit" element={<Audit />} />} />
            <Route path="/bewertungen" element={<Screen area="assessments" element={<AssessmentList />} />} />
            <Route
              path="/bewertungen/:id"
              element={<Screen area="assessments" element={<AssessmentOverview />} />}
            />
            <Route
              path="/bewertungen/:id/themen/:topicKey"
              element={<Screen area="assessments" element={<TopicAnswers />} />}
            />
            <Route
              path="/bewertungen/:id/vergleich"
              element={<Screen area="assessments" element={<AssessmentComparison />} />}
            />
            <Route path="/massnahmen" element={<Screen area="measures" element={<Measures />} />} />
            <Route path="/massnahmen/:id" element={<Screen area="measures" element={<MeasureDetail />} />} />
            <Route
              path="/massnahmen/pakete/:id"
              element={<Screen area="measures" element={<PackageDetail />} />}
            />
            <Route path="/pruefung" element={<Screen area="auditor" element={<AuditorHome />} />} />
            <Route path="/land" element={<Screen area="stateOverview" element={<StateOverview />} />} />
            <Route path="/land/karte" element={<Screen area="stateOverview" element={<StateMap />} />} />
            <Route
              path="/land/themen"
              element={<Screen area="stateOverview" element={<TopicDistribution />} />}
            />
            <Route
              path="/land/kommunen/:id"
              element={<Screen area="stateOverview" element={<KommuneDetail />} />}
            />
            <Route path="/auswertungen" element={<Screen area="aggregates" element={<Aggregates />} />} />
            <Route path="/kataloge" element={<Screen area="catalogImport" element={<Catalogs />} />} />
            <Route path="/scans" element={<Screen signedIn element={<ScanOverview />} />} />
            <Route path="/scans/befunde" element={<Screen signedIn element={<ScanFindings />} />} />
            <Route path="/scans/befunde/:id" element={<Screen signedIn element={<ScanFindingDetail />} />} />
            <Route path="/scans/inventar" element={<Screen signedIn element={<ScanAssets />} />} />
            <Route path="/scans/freigaben" element={<Screen signedIn element={<ScanAuthorisations />} />} />
            <Route path="/scans/laeufe" element={<Screen signedIn element={<ScanRuns />} />} />
            <Route path="/scans/laeufe/:id" element={<Screen signedIn element={<ScanRunDetail />} />} />
            <Route path="/scans/zeitplaene" element={<Screen signedIn element={<ScanSchedules />} />} />
            <Route path="/vorfaelle" element={<Screen signedIn element={<Incidents />} />} />
            <Route path="/vorfaelle/neu" element={<Screen signedIn element={<IncidentNew />} />} />
            <Route path="/vorfaelle/:id" element={<Screen signedIn element={<IncidentDetail />} />} />
            <Route path="/warnungen" element={<Screen signedIn element={<Warnings />} />} />
            <Route path="/warnungen/:id" element={<Screen signedIn element={<WarningDetail />} />} />
            <Route path="/sicherheitshinweise" element={<Screen signedIn element={<Advisories />} />} />
            <Route
              path="/sicherheitshinweise/pruefliste"
              element={<Screen signedIn element={<AdvisoryReview />} />}
            />
            <Route
              path="/sicherheitshinweise/aliase"
              element={<Screen signedIn element={<AdvisoryAliases />} />}
            />
            <Route
              path="/sicherheitshinweise/:id"
              element={<Screen signedIn element={<AdvisoryDetail />} />}
            />
            <Route path="*" element={<Screen element={<NotFound />} />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}

/**
 * A route's screen, loaded on demand. `signedIn`/`area` send visitors without a session to the
 * login (which brings them back here) and hide areas the roles do not cover.
 */
function Screen({
  element,
  signedIn = false,
  area,
}: {
  element: ReactNode;
  signedIn?: boolean;
  area?: keyof typeof ACCESS;
}) {
  const { status, me, signedOut } = useSession();
  const location = useLocation();
  if (signedIn || area) {
    // KoliBri loads while the session is still being checked, not after: the chain
    // /me → KoliBri → screen code → data was the slowest part of a deep link.
    if (status !== 'anonymous') void loadKoliBri();
    if (status === 'loading') return <Loading />;
    if (status === 'anonymous' || !me) {
      // After signing out there is nothing to come back to.
      if (signedOut) return <Navigate replace to="/anmelden" />;
      const next = `${location.pathname}${location.search}`;
      return <Navigate replace to={`/anmelden?weiter=${encodeURIComponent(next)}`} />;
    }
    if (me.secondFactorRequired && !me.user.totpEnabled && location.pathname !== '/konto') {
      return <Navigate replace to="/konto" />;
    }
    if (area && !hasRole(me, ...ACCESS[area]))
      return <Suspense fallback={<Loading />}>{<NotFound />}</Suspense>;
    // Siblings in one boundary load side by side (KoliBri and the screen's chunk); the screen
    // is shown once both are there.
    return (
      <Suspense fallback={<Loading />}>
        <KoliBriReady>{null}</KoliBriReady>
        {element}
      </Suspense>
    );
  }
  return <Suspense fallback={<Loading />}>{element}</Suspense>;
}
