import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config.ts';

describe('configuration', () => {
  it('has working defaults: port 4321, an embedded SQLite file under data/', () => {
    const c = loadConfig({}, '/srv/portal');
    expect(c.port).toBe(4321);
    expect(c.databaseUrl).toBe('file:/srv/portal/data/portal.db');
    expect(c.siteDir).toBe('/srv/portal/dist');
    expect(c.publicUrl).toBe('http://localhost:4321');
    expect(c.hsts).toBe(false);
  });

  it('takes a libSQL server from DATABASE_URL and DATABASE_AUTH_TOKEN', () => {
    const c = loadConfig({ DATABASE_URL: 'libsql://portal.example.turso.io', DATABASE_AUTH_TOKEN: 'tok' });
    expect(c.databaseUrl).toBe('libsql://portal.example.turso.io');
    expect(c.databaseAuthToken).toBe('tok');
  });

  it('stops on a bad value with a message that names the variable and the fix', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty": use a port number/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL=.*use file:/);
    expect(() => loadConfig({ HSTS: 'maybe' })).toThrow(/HSTS="maybe": use true or false/);
    expect(() => loadConfig({ NODE_ENV: 'prod' })).toThrow(/NODE_ENV/);
  });

  it('does not start in production without PUBLIC_URL: links in e-mails would point at localhost', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL="": set it in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: '' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://privacy.example.be/' }).publicUrl).toBe('https://privacy.example.be');
    expect(loadConfig({}).publicUrl).toBe('http://localhost:4321');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(4321);
  });
});
