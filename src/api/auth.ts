/**
 * Write routes (upload, delete, re-index) change the served index, so they need the bearer
 * token from `config.apiToken`. Without a configured token they are refused — unless the
 * server only listens on loopback, where the person at the keyboard is the only client.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../core/config.js';
import { AppError } from '../core/errors.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True when `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.trim().toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host.trim());
}

/** Compares two secrets in constant time (hashing first so lengths do not leak). */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Throws UNAUTHORIZED / FORBIDDEN unless the request may write. Pure, so it is tested without
 * a server.
 */
export function checkWriteAccess(config: Pick<Config, 'apiToken' | 'host'>, authorization: string | undefined): void {
  if (!config.apiToken) {
    if (isLoopbackHost(config.host)) return;
    throw new AppError('FORBIDDEN', 'Write routes are disabled on this server: set POLICY_API_TOKEN, or bind to 127.0.0.1');
  }
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!match || !sameSecret(match[1].trim(), config.apiToken)) {
    throw new AppError('UNAUTHORIZED', 'This route needs the header `Authorization: Bearer <POLICY_API_TOKEN>`');
  }
}

/**
 * An `onRequest` hook for write routes: it runs before the body is read, so a refused
 * upload is never buffered.
 */
export function requireWriteAccess(config: Pick<Config, 'apiToken' | 'host'>) {
  return async function writeAccessHook(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    checkWriteAccess(config, request.headers.authorization);
  };
}
