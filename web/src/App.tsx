import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { KoliBriReady } from './kolibri-gate.tsx';
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
const Measures = lazy(() => import('./screens/measures/Measures.tsx'));
const MeasureDetail = lazy(() => import('./screens/measures/MeasureDetail.tsx'));
const PackageDetail = lazy(() => import('./screens/measures/PackageDetail.tsx'));
const AuditorHome = lazy(() => import('./screens/auditor/AuditorHome.tsx'));

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
            <Route path="/massnahmen" element={<Screen area="measures" element={<Measures />} />} />
            <Route path="/massnahmen/:id" element={<Screen area="measures" element={<MeasureDetail />} />} />
            <Route
              path="/massnahmen/pakete/:id"
              element={<Screen area="measures" element={<PackageDetail />} />}
            />
            <Route path="/pruefung" element={<Screen area="auditor" element={<AuditorHome />} />} />
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
    return (
      <Suspense fallback={<Loading />}>
        <KoliBriReady>{element}</KoliBriReady>
      </Suspense>
    );
  }
  return <Suspense fallback={<Loading />}>{element}</Suspense>;
}
