/** Write access: token, loopback, refusal. */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { checkWriteAccess, isLoopbackHost } from './auth.js';

const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'OK';
  } catch (err) {
    return isAppError(err) ? err.code : 'OTHER';
  }
};

describe('checkWriteAccess', () => {
  it('allows loopback without a token and refuses public hosts', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2'])
      expect(codeOf(() => checkWriteAccess({ host, apiToken: undefined }, undefined))).toBe('OK');
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.org'])
      expect(codeOf(() => checkWriteAccess({ host, apiToken: undefined }, undefined))).toBe('FORBIDDEN');
  });

  it('needs the exact bearer token when one is configured', () => {
    const config = { host: '0.0.0.0', apiToken: 'tok-123' };
    expect(codeOf(() => checkWriteAccess(config, 'Bearer tok-123'))).toBe('OK');
    expect(codeOf(() => checkWriteAccess(config, 'bearer   tok-123 '))).toBe('OK');
    for (const header of [undefined, '', 'tok-123', 'Bearer tok-1234', 'Basic dG9rLTEyMw==', 'Bearer ']) {
      expect(codeOf(() => checkWriteAccess(config, header))).toBe('UNAUTHORIZED');
    }
    expect(codeOf(() => checkWriteAccess({ ...config, host: '127.0.0.1' }, undefined))).toBe('UNAUTHORIZED');
  });

  it('isLoopbackHost', () => {
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false);
  });
});
