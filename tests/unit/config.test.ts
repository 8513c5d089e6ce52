import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      dataDir: './data',
      databasePoolSize: 10,
      demo: 'auto',
      trustProxy: false,
      logLevel: 'info',
      sessionTtlMs: 14 * 24 * 3_600_000,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.admin).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('bounds HTTP sockets and sync messages, with no per-address bound behind a proxy', () => {
    expect(loadConfig({})).toMatchObject({
      http: { headersTimeoutMs: 20_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 65_000, maxConnectionsPerAddress: 512 },
      collab: { maxMessageBytes: 32 * 1024 * 1024 },
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.maxConnectionsPerAddress).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true', HTTP_MAX_CONNECTIONS_PER_ADDRESS: '50' }).http.maxConnectionsPerAddress).toBe(50);
    // Node refuses a headers timeout above the request timeout.
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '90000', HTTP_REQUEST_TIMEOUT_MS: '30000' }).http).toMatchObject({ headersTimeoutMs: 30_000, requestTimeoutMs: 30_000 });
    expect(() => loadConfig({ COLLAB_MAX_MESSAGE_BYTES: '1000' })).toThrow(ConfigError);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', TANSIQ_ADMIN_EMAIL: '', TANSIQ_ADMIN_PASSWORD: '' })).toMatchObject({ port: 3000 });
  });

  it('reads numbers, URLs and paths', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://tansiq.example.ma/',
      DATABASE_URL: 'postgresql://u@db:5432/tansiq',
      DATABASE_POOL_SIZE: '25',
      TANSIQ_DATA_DIR: '/var/lib/tansiq',
      SESSION_TTL_HOURS: '8',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://tansiq.example.ma',
      databaseUrl: 'postgresql://u@db:5432/tansiq',
      databasePoolSize: 25,
      dataDir: '/var/lib/tansiq',
      sessionTtlMs: 8 * 3_600_000,
    });
  });

  it('derives the public URL from the port when none is given', () => {
    expect(loadConfig({ PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads the boolean %j as %s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value, TANSIQ_DEMO: value })).toMatchObject({ trustProxy: expected, demo: expected ? 'always' : 'never' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/tansiq' }, 'DATABASE_URL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ TANSIQ_ADMIN_EMAIL: 'not-an-email', TANSIQ_ADMIN_PASSWORD: 'a-long-enough-password' }, 'TANSIQ_ADMIN_EMAIL'],
    [{ TANSIQ_ADMIN_EMAIL: 'admin@mre.gov.ma', TANSIQ_ADMIN_PASSWORD: 'short' }, 'TANSIQ_ADMIN_PASSWORD'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('takes the first admin from e-mail and password together', () => {
    const config = loadConfig({ TANSIQ_ADMIN_EMAIL: 'admin@mre.gov.ma', TANSIQ_ADMIN_PASSWORD: 'a-long-enough-password' });
    expect(config.admin).toEqual({ email: 'admin@mre.gov.ma', password: 'a-long-enough-password' });
  });

  it('refuses an admin e-mail without a password, and a password without an e-mail', () => {
    expect(() => loadConfig({ TANSIQ_ADMIN_EMAIL: 'admin@mre.gov.ma' })).toThrow(/go together/);
    expect(() => loadConfig({ TANSIQ_ADMIN_PASSWORD: 'a-long-enough-password' })).toThrow(/go together/);
  });

  it('keeps the audit log forever unless AUDIT_RETENTION_DAYS is a whole number of days', () => {
    expect(loadConfig({}).auditRetentionDays).toBeNull();
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays).toBe(365);
    for (const value of ['0', '-1', '1.5', 'forever']) {
      expect(() => loadConfig({ AUDIT_RETENTION_DAYS: value }), value).toThrow(ConfigError);
    }
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ HOME: '/root', SOMETHING_ELSE: 'x' })).not.toThrow();
  });
});
