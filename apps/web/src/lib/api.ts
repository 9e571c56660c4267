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

/** What a request sends: JSON (the usual), or text of a given type (NDJSON imports). */
type Payload = { json: unknown } | { text: string; contentType: string } | undefined;

async function send(
  method: string,
  path: string,
  payload: Payload,
  options: RequestOptions,
  accept = 'application/json',
): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': acceptLanguage };
  // Without a body, send no Content-Type: the server rejects an empty body declared as JSON.
  let body: string | null = null;
  if (payload && 'json' in payload && payload.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(payload.json);
  } else if (payload && 'text' in payload) {
    headers['Content-Type'] = payload.contentType;
    body = payload.text;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    const errorPayload: unknown = await response.json().catch(() => null);
    if (response.status === 401 && !options.allowUnauthorized) onUnauthorized?.();
    if (isErrorBody(errorPayload)) {
      const { code, message, field } = errorPayload.error;
      throw new ApiError(response.status, code, message, field);
    }
    throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
  }
  return response;
}

async function request<T>(
  method: string,
  path: string,
  payload: Payload,
  options: RequestOptions,
): Promise<T> {
  const response = await send(method, path, payload, options);
  if (response.status === 204) return undefined as T;
  return (await response.json().catch(() => null)) as T;
}

/** A file the server sends (an Excel export): its bytes and the name the server suggests, if any. */
export interface Download {
  blob: Blob;
  fileName: string | null;
}

function fileNameOf(response: Response): string | null {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

export const api = {
  get: <T>(path: string, options: RequestOptions = {}) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { json: body }, options),
  patch: <T>(path: string, body: unknown, options: RequestOptions = {}) =>
    request<T>('PATCH', path, { json: body }, options),
  put: <T>(path: string, body: unknown, options: RequestOptions = {}) =>
    request<T>('PUT', path, { json: body }, options),
  /** POST a text body of `contentType` (e.g. NDJSON) and read a JSON answer. */
  postText: <T>(path: string, text: string, contentType: string, options: RequestOptions = {}) =>
    request<T>('POST', path, { text, contentType }, options),
  /** GET a file; errors arrive as JSON and become ApiError like any other request's. */
  download: async (path: string, options: RequestOptions = {}): Promise<Download> => {
    // Any type is welcome: the answer is a file, or a JSON error.
    const response = await send('GET', path, undefined, options, '*/*');
    return { blob: await response.blob(), fileName: fileNameOf(response) };
  },
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
