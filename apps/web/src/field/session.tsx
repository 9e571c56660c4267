// Who is signed in. The user is remembered on the device, so the app opens offline with the last login
// (its cached grid and its outbox); the server still decides: a 401 sends the user to the login page and
// holds the outbox until they are back.
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
import { ApiError, api, setUnauthorizedHandler } from '../lib/api.ts';
import { setFieldTimeZone } from './format.ts';
import { setCacheUser } from './offline/cache.ts';
import { outbox } from './offline/senders.ts';

const USER_KEY = 'civgrid.field.user';

interface SessionValue {
  ready: boolean;
  user: TSessionUser | null;
  /** True when the server has not confirmed the session yet (offline start with the remembered user). */
  isUnconfirmed: boolean;
  /** The session ended on the server; the outbox waits for the next login. */
  expired: boolean;
  login: (username: string, password: string) => Promise<TSessionUser>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

function rememberedUser(): TSessionUser | null {
  try {
    const text = window.localStorage.getItem(USER_KEY);
    return text ? (JSON.parse(text) as TSessionUser) : null;
  } catch {
    return null;
  }
}

function remember(user: TSessionUser | null): void {
  try {
    if (user) window.localStorage.setItem(USER_KEY, JSON.stringify(user));
    else window.localStorage.removeItem(USER_KEY);
  } catch {
    // Without storage the app still works online.
  }
}

function adopt(user: TSessionUser | null): void {
  setCacheUser(user?.id ?? null);
  outbox.setUser(user?.id ?? null);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [user, setUser] = useState<TSessionUser | null>(null);
  const [isUnconfirmed, setUnconfirmed] = useState(false);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    let live = true;
    void api
      .get<TPublicConfig>('/api/v1/config')
      .then((config) => setFieldTimeZone(config.timezone))
      .catch(() => undefined);
    api
      .get<TLoginResponse>('/api/v1/auth/me', { allowUnauthorized: true })
      .then(({ user: me }) => {
        if (!live) return;
        remember(me);
        adopt(me);
        setUser(me);
      })
      .catch((error: unknown) => {
        if (!live) return;
        const known = rememberedUser();
        if (error instanceof ApiError && !error.isNetwork && error.status < 500) {
          // The server says there is no session: log in again (the outbox keeps what waits).
          setExpired(known !== null);
          adopt(null);
          setUser(null);
        } else {
          // Unreachable: work offline as the remembered user.
          adopt(known);
          setUser(known);
          setUnconfirmed(known !== null);
        }
      })
      .finally(() => {
        if (live) setReady(true);
      });
    return () => {
      live = false;
    };
  }, []);

  const userRef = useRef(user);
  useEffect(() => {
    userRef.current = user;
  }, [user]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (userRef.current) setExpired(true);
      adopt(null);
      setUser(null);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  // The outbox met a 401 while sending: the session is over.
  useEffect(
    () =>
      outbox.subscribe(() => {
        if (outbox.getSnapshot().needsLogin && userRef.current) {
          userRef.current = null; // adopt(null) notifies again: end here the second time
          setExpired(true);
          adopt(null);
          setUser(null);
        }
      }),
    [],
  );

  const login = useCallback(async (username: string, password: string) => {
    const { user: signedIn } = await api.post<TLoginResponse>(
      '/api/v1/auth/login',
      { username, password },
      { allowUnauthorized: true },
    );
    remember(signedIn);
    adopt(signedIn);
    setExpired(false);
    setUnconfirmed(false);
    setUser(signedIn);
    return signedIn;
  }, []);

  const logout = useCallback(async () => {
    await api.post('/api/v1/auth/logout').catch(() => undefined);
    remember(null);
    adopt(null);
    setExpired(false);
    setUser(null);
  }, []);

  const value = useMemo(
    () => ({ ready, user, isUnconfirmed, expired, login, logout }),
    [ready, user, isUnconfirmed, expired, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() needs a <SessionProvider> above it');
  return value;
}

/** The signed-in user (inside the routes that require one). */
export function useUser(): TSessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser() outside a signed-in route');
  return user;
}
