// The development adapters (SMS outbox, accept-all real-name check) are refused in production
// unless explicitly allowed; unknown provider names are refused everywhere.
import { describe, expect, it } from 'vitest';
import { readApplicantAdapters } from './config-applicants.js';
import { loadConfig } from './config.js';

describe('applicant adapter settings', () => {
  it('defaults to the development outbox and development-accept outside production', () => {
    expect(readApplicantAdapters({}, 'development')).toEqual({ smsProvider: 'outbox', realNameProvider: 'development-accept' });
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ smsProvider: 'outbox', realNameProvider: 'development-accept' });
  });

  it('refuses the outbox in production unless TONGBAN_SMS_ALLOW_OUTBOX=1', () => {
    expect(() => readApplicantAdapters({ TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT: '1' }, 'production')).toThrow(/TONGBAN_SMS_ALLOW_OUTBOX/);
    expect(() => readApplicantAdapters({ TONGBAN_SMS_PROVIDER: 'outbox', TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT: '1' }, 'production')).toThrow(/短信发件箱/);
  });

  it('refuses development-accept in production unless TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT=1', () => {
    expect(() => readApplicantAdapters({ TONGBAN_SMS_ALLOW_OUTBOX: '1' }, 'production')).toThrow(/TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT/);
    expect(readApplicantAdapters({ TONGBAN_SMS_ALLOW_OUTBOX: '1', TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT: '1' }, 'production')).toEqual({
      smsProvider: 'outbox',
      realNameProvider: 'development-accept',
    });
  });

  it('refuses a provider it does not know', () => {
    expect(() => readApplicantAdapters({ TONGBAN_SMS_PROVIDER: 'carrier-x' }, 'development')).toThrow(/TONGBAN_SMS_PROVIDER must be one of: outbox/);
    expect(() => readApplicantAdapters({ TONGBAN_REAL_NAME_PROVIDER: 'trust-me' }, 'test')).toThrow(/TONGBAN_REAL_NAME_PROVIDER/);
  });
});
