/**
 * The one place where HTTP responses become values or errors. Every error the
 * server sends is an `ErrorBody`; here it becomes an `ApiError` carrying the
 * code, the Chinese message and any field issues. Nothing else in the web app
 * parses error bodies or shows raw server text.
 */
import { messageFor, reasons, type ErrorBody, type ReasonCode } from '../../../contracts/reasons.ts';

export type FieldIssue = { path: string; message: string };

export class ApiError extends Error {
  readonly code: ReasonCode;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown>;
  readonly status: number;

  constructor(code: ReasonCode, message: string, issues: FieldIssue[] = [], details: Record<string, unknown> = {}, status = 0) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
    this.details = details;
    this.status = status;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Any thrown value → a Chinese sentence fit for the user (never a stack trace). */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return messageFor('internal_error');
}

const NETWORK_MESSAGE = '无法连接服务器,请检查网络后重试。';

// ---- session plumbing: CSRF token and what to do on 401 / forced password change

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Hooks = {
  /** Called on 401 unauthenticated from any call except those that opt out. */
  onUnauthenticated?: () => void;
  /** Called on 403 password_change_required. */
  onPasswordChangeRequired?: () => void;
};
let hooks: Hooks = {};

export function setApiHooks(next: Hooks): void {
  hooks = next;
}

// ---- request helpers

type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect to the login page on 401 (login itself, /auth/me). */
  skipAuthRedirect?: boolean;
};

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

function isReasonCode(code: unknown): code is ReasonCode {
  return typeof code === 'string' && Object.hasOwn(reasons, code);
}

function fallbackCode(status: number): ReasonCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 502 || status === 504) return 'service_unavailable';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'internal_error';
}

/** Turns a non-2xx status and its body text into an ApiError. */
export function toApiError(status: number, bodyText: string): ApiError {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = JSON.parse(bodyText) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const code = body && isReasonCode(body.code) ? body.code : fallbackCode(status);
  // 5xx text is never shown as is: the server hides details, and so do we.
  const message = status < 500 && body && typeof body.message === 'string' && body.message ? body.message : messageFor(code);
  const issues = Array.isArray(body?.issues) ? body.issues.filter((i) => i && typeof i.message === 'string') : [];
  const details = body?.details && typeof body.details === 'object' ? body.details : {};
  return new ApiError(code, message, issues, details, status);
}

function react(error: ApiError, skipAuthRedirect: boolean | undefined): void {
  if (error.code === 'unauthenticated' && !skipAuthRedirect) hooks.onUnauthenticated?.();
  if (error.code === 'password_change_required') hooks.onPasswordChangeRequired?.();
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('service_unavailable', NETWORK_MESSAGE);
  }
  if (!response.ok) {
    const error = toApiError(response.status, await response.text().catch(() => ''));
    react(error, options.skipAuthRedirect);
    throw error;
  }
  return response;
}

/** JSON request; resolves to the parsed body, or undefined for 204. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type DownloadedFile = { blob: Blob; filename: string | null };

/** Request whose answer is a file (xlsx, csv…). */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
  const response = await send(path, options);
  return { blob: await response.blob(), filename: filenameFrom(response.headers.get('content-disposition')) };
}

export function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}

/**
 * Multipart upload through XMLHttpRequest, because fetch cannot report upload
 * progress. `onProgress` receives 0–100; once the bytes are sent the server
 * still has to check the file, which the caller shows as a separate state.
 */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.upload.onload = () => onProgress(100);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          reject(new ApiError('internal_error', messageFor('internal_error'), [], {}, xhr.status));
        }
        return;
      }
      const error = toApiError(xhr.status, xhr.responseText);
      react(error, false);
      reject(error);
    };
    xhr.onerror = () => reject(new ApiError('service_unavailable', NETWORK_MESSAGE));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
