/** Host and Origin checks (DNS rebinding, cross-site writes) and the start-up warnings. */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../core/config.js';
import { isAppError } from '../core/errors.js';
import { checkHost, checkOrigin, exposureWarnings, hostName } from './guard.js';

const config = (overrides: Record<string, unknown> = {}) => configSchema.parse(overrides);
const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'OK';
  } catch (err) {
    return isAppError(err) ? err.code : 'OTHER';
  }
};

describe('checkHost', () => {
  it('a loopback server answers only to loopback names, its own host and the allow-list', () => {
    const c = config({ host: '127.0.0.1', allowedHosts: 'policy.intranet' });
    for (const h of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST', '[::1]:3000', '127.0.0.2', 'policy.intranet:8080'])
      expect(
        codeOf(() => checkHost(c, h)),
        h,
      ).toBe('OK');
    for (const h of ['attacker.example', 'attacker.example:3000', '127.0.0.1.attacker.example', '', undefined])
      expect(
        codeOf(() => checkHost(c, h)),
        String(h),
      ).toBe('HOST_NOT_ALLOWED');
  });

  it('a public server checks the Host only against a configured allow-list', () => {
    expect(codeOf(() => checkHost(config({ host: '0.0.0.0' }), 'anything.example'))).toBe('OK');
    const listed = config({ host: '0.0.0.0', allowedHosts: 'policy.example.gov.cn' });
    expect(codeOf(() => checkHost(listed, 'policy.example.gov.cn'))).toBe('OK');
    expect(codeOf(() => checkHost(listed, 'rebind.attacker.example'))).toBe('HOST_NOT_ALLOWED');
  });

  it('hostName', () => {
    expect(hostName('[::1]:3000')).toBe('[::1]');
    expect(hostName('Example.ORG:80')).toBe('example.org');
  });
});

describe('checkOrigin', () => {
  const c = config({ allowedOrigins: 'https://oa.intranet/', corsOrigin: 'http://portal.example' });
  const req = (method: string, headers: Record<string, string>) => ({ method, headers: { host: '127.0.0.1:3000', ...headers } });

  it('lets reads through and writes from the same origin, the CORS origin and the allow-list', () => {
    expect(codeOf(() => checkOrigin(c, req('GET', { origin: 'http://evil.example' })))).toBe('OK');
    for (const origin of ['http://127.0.0.1:3000', 'https://oa.intranet', 'http://portal.example'])
      expect(
        codeOf(() => checkOrigin(c, req('POST', { origin }))),
        origin,
      ).toBe('OK');
  });

  it('refuses writes from another origin, from an opaque origin, and cross-site requests without Origin', () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:4000', 'null', 'not a url'])
      expect(
        codeOf(() => checkOrigin(c, req('POST', { origin }))),
        origin,
      ).toBe('ORIGIN_NOT_ALLOWED');
    expect(codeOf(() => checkOrigin(c, req('DELETE', { 'sec-fetch-site': 'cross-site' })))).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('leaves clients that are not browsers (no Origin, no Sec-Fetch-Site) to the token', () => {
    expect(codeOf(() => checkOrigin(c, req('POST', {})))).toBe('OK');
    expect(codeOf(() => checkOrigin(c, req('POST', { 'sec-fetch-site': 'same-origin' })))).toBe('OK');
  });
});

describe('exposureWarnings', () => {
  it('warns when bound beyond loopback, naming what is missing', () => {
    expect(exposureWarnings(config({ host: '127.0.0.1' }))).toEqual([]);
    const w = exposureWarnings(config({ host: '0.0.0.0' }));
    expect(w.join(' ')).toMatch(/0\.0\.0\.0.*POLICY_API_TOKEN.*POLICY_ALLOWED_HOSTS/s);
    expect(exposureWarnings(config({ host: '0.0.0.0', apiToken: 't', allowedHosts: 'a.example' }))).toHaveLength(1);
  });
});
