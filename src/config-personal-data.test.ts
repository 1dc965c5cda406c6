import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import { DEVELOPMENT_DATA_KEY, DEVELOPMENT_LOOKUP_KEY, readPersonalDataKeys } from './config-personal-data.js';

// Other settings have their own production requirements: the production cases read these keys alone.
const prod = (env: NodeJS.ProcessEnv) => readPersonalDataKeys(env, 'production');

const DATA_KEY = '00112233445566778899aabbccddeeff';
const LOOKUP_KEY = 'ab'.repeat(32);

describe('personal-data keys in the configuration', () => {
  it('uses the marked development keys in test and development', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config).toMatchObject({ dataKey: DEVELOPMENT_DATA_KEY, lookupKey: DEVELOPMENT_LOOKUP_KEY, personalDataKeysAreDevelopment: true });
  });

  it('warns once in development that the keys protect nothing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadConfig({ NODE_ENV: 'development' });
    loadConfig({ NODE_ENV: 'development' });
    const mine = warn.mock.calls.filter((c) => String(c[0]).includes('TONGBAN_DATA_KEY'));
    expect(mine).toHaveLength(1);
    warn.mockRestore();
  });

  it('reads given keys, lower-cased, with retired keys for rotation', () => {
    const config = prod({
      TONGBAN_DATA_KEY: DATA_KEY.toUpperCase(),
      TONGBAN_LOOKUP_KEY: LOOKUP_KEY,
      TONGBAN_DATA_KEYS_RETIRED: ` ${'cd'.repeat(16)} , ${'ef'.repeat(16)}`,
    });
    expect(config).toMatchObject({ dataKey: DATA_KEY, lookupKey: LOOKUP_KEY, retiredDataKeys: ['cd'.repeat(16), 'ef'.repeat(16)], personalDataKeysAreDevelopment: false });
  });

  it('refuses to start in production without keys, naming the setting', () => {
    expect(() => prod({})).toThrow(/TONGBAN_DATA_KEY/);
    expect(() => prod({ TONGBAN_DATA_KEY: DATA_KEY })).toThrow(/TONGBAN_LOOKUP_KEY/);
  });

  it('refuses malformed keys everywhere and the development keys in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'development', TONGBAN_DATA_KEY: 'abc' })).toThrow(/32 hex/);
    expect(() => prod({ TONGBAN_DATA_KEY: DATA_KEY, TONGBAN_LOOKUP_KEY: 'zz' })).toThrow(/TONGBAN_LOOKUP_KEY/);
    expect(() => prod({ TONGBAN_DATA_KEY: DATA_KEY, TONGBAN_LOOKUP_KEY: LOOKUP_KEY, TONGBAN_DATA_KEYS_RETIRED: 'nope' })).toThrow(/RETIRED/);
    expect(() => prod({ TONGBAN_DATA_KEY: DEVELOPMENT_DATA_KEY, TONGBAN_LOOKUP_KEY: LOOKUP_KEY })).toThrow(/development/);
  });
});
