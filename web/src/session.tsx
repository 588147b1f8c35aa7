import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ApiError, api, type Me, type Role, setCsrfToken, setSignedOutHandler } from './api.ts';
import { clearAllDrafts } from './drafts.ts';

export type SessionStatus = 'loading' | 'anonymous' | 'signed-in';

interface SessionValue {
  status: SessionStatus;
  me: Me | null;
  /** True when a signed-in session ended on its own (timeout, ended elsewhere). */
  expired: boolean;
  /** True right after the user signed out here. */
  signedOut: boolean;
  signedIn(me: Me): void;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [expired, setExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const statusRef = useRef(status);
  statusRef.current = status;

  const signedIn = useCallback((next: Me) => {
    setCsrfToken(next.csrfToken);
    setMe(next);
    setExpired(false);
    setSignedOut(false);
    setStatus('signed-in');
  }, []);

  const refresh = useCallback(async () => {
    try {
      signedIn(await api.get<Me>('/me'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        setMe(null);
        setStatus('anonymous');
        return;
      }
      throw error;
    }
  }, [signedIn]);

  useEffect(() => {
    setSignedOutHandler(() => {
      if (statusRef.current === 'signed-in') setExpired(true);
      setCsrfToken(null);
      setMe(null);
      setStatus('anonymous');
    });
    refresh().catch(() => setStatus('anonymous'));
    return () => setSignedOutHandler(null);
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch {
      // Already gone on the server: signing out locally is what matters.
    }
    clearAllDrafts();
    setCsrfToken(null);
    setMe(null);
    setExpired(false);
    setSignedOut(true);
    setStatus('anonymous');
  }, []);

  const value = useMemo(
    () => ({ status, me, expired, signedOut, signedIn, signOut, refresh }),
    [status, me, expired, signedOut, signedIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (inside routes that require a session). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}

export const rolesOf = (me: Me): Set<Role> => new Set(me.memberships.map((m) => m.role));

export const hasRole = (me: Me, ...roles: Role[]) => me.memberships.some((m) => roles.includes(m.role));

/**
 * What the UI offers to whom. The server decides (policy.ts); this only hides what would be
 * refused anyway.
 */
export const ACCESS = {
  municipalities: ['admin', 'programme_manager', 'cert'],
  users: ['admin'],
  audit: ['admin', 'programme_manager', 'isb'],
  auditVerify: ['admin'],
  assessments: ['isb', 'member', 'auditor', 'programme_manager', 'admin'],
  measures: ['isb', 'member', 'auditor', 'programme_manager', 'admin'],
  auditor: ['auditor', 'admin'],
  stateOverview: ['programme_manager', 'admin'],
  aggregates: ['observer', 'programme_manager', 'admin'],
  catalogImport: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const may = (me: Me, area: keyof typeof ACCESS) => hasRole(me, ...ACCESS[area]);
