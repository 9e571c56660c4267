// Who is signed in, and the server's public configuration. Both are fetched once at start-up; a 401
// from any later request ends the session here, and the routes send the user to the login page.
import type { TLoginResponse, TPublicConfig, TSessionUser } from '@civgrid/contracts';
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
import { ApiError, api, setUnauthorizedHandler } from '../../lib/api.ts';
import { setDisplayTimeZone } from '../../lib/time.ts';
import { forgetPurpose } from '../pages/sensing/shared/purpose.ts';

interface SessionValue {
  /** False until the start-up checks have answered. */
  ready: boolean;
  user: TSessionUser | null;
  config: TPublicConfig | null;
  /** True after a session ended on its own (not by logging out), until the next login. */
  expired: boolean;
  login: (username: string, password: string) => Promise<TSessionUser>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [user, setUser] = useState<TSessionUser | null>(null);
  const [config, setConfig] = useState<TPublicConfig | null>(null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    let live = true;
    const loadConfig = api.get<TPublicConfig>('/api/v1/config').catch(() => null);
    const loadMe = api
      .get<TLoginResponse>('/api/v1/auth/me', { allowUnauthorized: true })
      .then((r) => ({ user: r.user, expired: false }))
      // The server tells an ended session (SESSION_EXPIRED) from no session at all (UNAUTHENTICATED).
      .catch((error: unknown) => ({
        user: null,
        expired: error instanceof ApiError && error.code === 'SESSION_EXPIRED',
      }));
    void Promise.all([loadConfig, loadMe]).then(([cfg, me]) => {
      if (!live) return;
      if (cfg) setDisplayTimeZone(cfg.timezone);
      setConfig(cfg);
      setUser(me.user);
      setExpired(me.expired);
      setReady(true);
    });
    return () => {
      live = false;
    };
  }, []);

  // The handler outlives renders, so it reads the user through a ref.
  const userRef = useRef(user);
  useEffect(() => {
    userRef.current = user;
  }, [user]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (userRef.current) setExpired(true);
      setUser(null);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const { user: signedIn } = await api.post<TLoginResponse>(
      '/api/v1/auth/login',
      { username, password },
      { allowUnauthorized: true },
    );
    setExpired(false);
    setUser(signedIn);
    return signedIn;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/v1/auth/logout', undefined, { allowUnauthorized: true });
    } finally {
      // Forget the user even when the server is unreachable: the cookie is worthless without it.
      forgetPurpose();
      setExpired(false);
      setUser(null);
    }
  }, []);

  const value = useMemo(
    () => ({ ready, user, config, expired, login, logout }),
    [ready, user, config, expired, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() needs a <SessionProvider> above it');
  return value;
}

/** The signed-in user; only for pages behind <RequireAuth>. */
export function useUser(): TSessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser() outside <RequireAuth>');
  return user;
}
