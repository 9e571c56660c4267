// The one fetch wrapper of the web apps: same-origin JSON with the session cookie, errors turned into
// `ApiError` with the server's code/field/message, and a 401 reported once to whoever owns the session.
import type { TErrorBody } from '@civgrid/contracts';

/** What the server (or the network) said went wrong; `field` names the input at fault, if any. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** For the login form and the start-up "who am I" check, where 401 is an answer, not an expiry. */
  allowUnauthorized?: boolean;
}

let acceptLanguage = 'zh-CN';
let onUnauthorized: (() => void) | null = null;

/** The server localises its error messages by Accept-Language; follow the UI's language. */
export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

/** Called when a request answers 401 because the session ended (not for `allowUnauthorized` calls). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function isErrorBody(value: unknown): value is TErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  // Without a body, send no Content-Type: the server rejects an empty body declared as JSON.
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && !options.allowUnauthorized) onUnauthorized?.();
    if (isErrorBody(payload)) {
      const { code, message, field } = payload.error;
      throw new ApiError(response.status, code, message, field);
    }
    throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, options: RequestOptions = {}) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown, options: RequestOptions = {}) =>
    request<T>('PATCH', path, body, options),
};

/** A query string from the defined, non-empty values of `params` (with the leading `?`, or ''). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
