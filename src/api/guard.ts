/**
 * Cross-site writes and DNS rebinding. A page on another origin can make a browser send a
 * "simple" POST (a no-cors multipart upload) to a server on 127.0.0.1 and, through a DNS name
 * that resolves to 127.0.0.1, can even read the answers. So:
 *
 * - Host: a server bound to loopback answers only to loopback names (localhost, 127.x.x.x,
 *   [::1]), its own host and `POLICY_ALLOWED_HOSTS`; a server bound beyond loopback checks the
 *   Host header only against `POLICY_ALLOWED_HOSTS` when that is set (start-up warns otherwise).
 * - Origin: a state-changing request (anything but GET/HEAD/OPTIONS) that comes from a browser
 *   must come from the server's own origin (the Origin's host equals the Host header), the
 *   CORS origin, or `POLICY_ALLOWED_ORIGINS`. `Origin: null` is refused, and so is a request
 *   without Origin that a browser marks cross-site (`Sec-Fetch-Site`). Clients that are not
 *   browsers (curl, scripts) send neither header and are governed by the token alone.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { isLoopbackHost } from './auth.js';

/** What the checks read of the configuration. */
export type GuardConfig = Pick<Config, 'host' | 'allowedHosts' | 'allowedOrigins' | 'corsOrigin'>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host name of a Host header value (`[::1]:3000` → `[::1]`, `Example.org:80` → `example.org`). */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d*$/, '');
}

/** Throws HOST_NOT_ALLOWED unless the server answers for the request's Host header. */
export function checkHost(config: GuardConfig, hostHeader: string | undefined): void {
  const loopbackServer = isLoopbackHost(config.host);
  if (!loopbackServer && !config.allowedHosts.length) return;
  const name = hostName(hostHeader ?? '');
  const allowed = isLoopbackHost(name) || name === config.host.toLowerCase() || config.allowedHosts.includes(name);
  if (!allowed) {
    throw new AppError('HOST_NOT_ALLOWED', `This server does not answer for the host "${name.slice(0, 100)}"; add it to POLICY_ALLOWED_HOSTS if it is yours`);
  }
}

/** True when `origin` (scheme://host[:port]) names the host and port of the Host header (a missing port is the origin's default). */
export function sameHost(origin: string, hostHeader: string): boolean {
  try {
    const o = new URL(origin);
    if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
    const h = new URL(`${o.protocol}//${hostHeader.trim()}`);
    return o.hostname === h.hostname && o.port === h.port;
  } catch {
    return false;
  }
}

/** Throws ORIGIN_NOT_ALLOWED when a browser sends a state-changing request from another origin. */
export function checkOrigin(
  config: GuardConfig,
  request: { method: string; headers: { origin?: string; host?: string; 'sec-fetch-site'?: string | string[] } },
): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.origin;
  if (origin === undefined) {
    const site = String(request.headers['sec-fetch-site'] ?? '').toLowerCase();
    if (site === 'cross-site' || site === 'same-site') throw new AppError('ORIGIN_NOT_ALLOWED', 'Cross-site requests may not change data on this server');
    return;
  }
  const o = origin.trim().toLowerCase().replace(/\/+$/, '');
  const own = sameHost(o, request.headers.host ?? '');
  const listed = config.allowedOrigins.includes(o) || (!!config.corsOrigin && config.corsOrigin.toLowerCase().replace(/\/+$/, '') === o);
  if (!own && !listed) {
    throw new AppError(
      'ORIGIN_NOT_ALLOWED',
      `Requests from ${origin.slice(0, 100)} may not change data on this server; add the origin to POLICY_ALLOWED_ORIGINS if it is yours`,
    );
  }
}

/** An `onRequest` hook applying both checks before anything else (the body is never read). */
export function requestGuard(config: GuardConfig) {
  return async function guardHook(request: FastifyRequest): Promise<void> {
    checkHost(config, request.headers.host);
    checkOrigin(config, request);
  };
}

/** The start-up warnings for a server reachable beyond this machine. */
export function exposureWarnings(config: Pick<Config, 'host' | 'apiToken' | 'allowedHosts'>): string[] {
  if (isLoopbackHost(config.host)) return [];
  const out = [`Listening on ${config.host}: the API and the documents are reachable from other machines.`];
  if (!config.apiToken) out.push('No POLICY_API_TOKEN is set: uploads, deletes, re-indexing and alignment uploads are refused (FORBIDDEN).');
  if (!config.allowedHosts.length) out.push('POLICY_ALLOWED_HOSTS is not set: the Host header is not checked (no DNS-rebinding guard).');
  return out;
}
