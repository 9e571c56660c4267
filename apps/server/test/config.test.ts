import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/platform/config.ts';

const production = { CIVGRID_MODE: 'production', CIVGRID_SECRET: 's'.repeat(40) };

describe('configuration of the sensing doors', () => {
  it('keeps 90 days of events unless told otherwise, and refuses a retention that is not a whole number', () => {
    expect(loadConfig(production).retentionDays).toBe(90);
    expect(loadConfig({ ...production, CIVGRID_RETENTION_DAYS: '30' }).retentionDays).toBe(30);
    expect(() => loadConfig({ ...production, CIVGRID_RETENTION_DAYS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, CIVGRID_RETENTION_DAYS: 'ninety' })).toThrow(ConfigError);
  });

  it('gives overdue cases an hour of grace unless told otherwise, and refuses a grace that is not a whole number', () => {
    expect(loadConfig(production).escalationGraceMinutes).toBe(60);
    expect(loadConfig({ ...production, CIVGRID_ESCALATION_GRACE_MINUTES: '15' }).escalationGraceMinutes).toBe(
      15,
    );
    expect(() => loadConfig({ ...production, CIVGRID_ESCALATION_GRACE_MINUTES: '0.5' })).toThrow(
      /CIVGRID_ESCALATION_GRACE_MINUTES/,
    );
  });

  it('runs the live simulator only with the demo seed, never by default in production', () => {
    expect(loadConfig(production).simulate).toBe(false);
    expect(loadConfig({ CIVGRID_DATA: '/tmp/civgrid-config-test' }).simulate).toBe(true);
    expect(loadConfig({ CIVGRID_DATA: '/tmp/civgrid-config-test', CIVGRID_SEED: 'none' }).simulate).toBe(
      false,
    );
  });

  it('believes X-Forwarded-For only when a proxy is configured', async () => {
    expect(loadConfig(production).trustProxy).toBe(false);
    expect(loadConfig({ ...production, CIVGRID_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...production, CIVGRID_TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
    const ip = async (trust: string | undefined) => {
      const config = loadConfig({ ...production, ...(trust ? { CIVGRID_TRUST_PROXY: trust } : {}) });
      const app = Fastify({ trustProxy: config.trustProxy ?? false });
      app.get('/ip', (request) => request.ip);
      const response = await app.inject({ url: '/ip', headers: { 'x-forwarded-for': '203.0.113.9' } });
      return response.body;
    };
    expect(await ip(undefined)).not.toBe('203.0.113.9');
    expect(await ip('true')).toBe('203.0.113.9');
  });

  it('reads MQTT only when MQTT_URL is set', () => {
    expect(loadConfig(production).mqttUrl).toBeNull();
    expect(loadConfig({ ...production, MQTT_URL: 'mqtt://127.0.0.1:1883' }).mqttUrl).toBe(
      'mqtt://127.0.0.1:1883',
    );
  });

  it('turns GA/T 1400 off in production unless a password is set, and never takes the public demo one there', () => {
    expect(loadConfig(production).viid.password).toBe('');
    expect(loadConfig({ ...production, CIVGRID_VIID_PASSWORD: 'a-real-one' }).viid.password).toBe(
      'a-real-one',
    );
    expect(() => loadConfig({ ...production, CIVGRID_VIID_PASSWORD: 'civgrid-demo' })).toThrow(ConfigError);
  });
});
