import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_COOKIE_KEY, readSsoConfig } from './config-sso.js';

const KEY = 'k'.repeat(40);

describe('single sign-on settings', () => {
  it('uses the published development cookie key outside production, and says so', () => {
    const sso = readSsoConfig({}, 'development');
    expect(sso.cookieKeys).toEqual([DEVELOPMENT_COOKIE_KEY]);
    expect(sso.cookieKeysAreDevelopment).toBe(true);
    expect(sso.upstream).toBeNull();
  });

  it('refuses to start in production without cookie keys, or with the development one', () => {
    expect(() => readSsoConfig({}, 'production')).toThrow(/TONGBAN_COOKIE_KEYS/);
    expect(() => readSsoConfig({ TONGBAN_COOKIE_KEYS: DEVELOPMENT_COOKIE_KEY }, 'production')).toThrow(/development/);
    expect(readSsoConfig({ TONGBAN_COOKIE_KEYS: `${KEY}, ${'n'.repeat(32)}` }, 'production').cookieKeys).toEqual([KEY, 'n'.repeat(32)]);
  });

  it('refuses short cookie keys', () => {
    expect(() => readSsoConfig({ TONGBAN_COOKIE_KEYS: 'short' }, 'test')).toThrow(/32/);
  });

  it('needs the client id and secret with an upstream issuer', () => {
    expect(() => readSsoConfig({ TONGBAN_UPSTREAM_ISSUER: 'https://id.nmg.gov.cn' }, 'test')).toThrow(/CLIENT_ID/);
    expect(() => readSsoConfig({ TONGBAN_UPSTREAM_ISSUER: 'ftp://x', TONGBAN_UPSTREAM_CLIENT_ID: 'a', TONGBAN_UPSTREAM_CLIENT_SECRET: 'b' }, 'test')).toThrow(/http/);
    const sso = readSsoConfig({ TONGBAN_UPSTREAM_ISSUER: 'https://id.nmg.gov.cn/', TONGBAN_UPSTREAM_CLIENT_ID: 'a', TONGBAN_UPSTREAM_CLIENT_SECRET: 'b' }, 'test');
    expect(sso.upstream).toEqual({ issuer: 'https://id.nmg.gov.cn', clientId: 'a', clientSecret: 'b', idNumberClaim: 'id_number' });
  });
});
