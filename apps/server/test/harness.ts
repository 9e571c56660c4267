// Per-test-file harness: a fresh database cloned from the template, the app built on it with a clock
// the test can move, and helpers to log in and call the API as a given user.
import { DEMO_PASSWORD } from '@civgrid/domain';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/platform/config.ts';
import type { Context } from '../src/platform/context.ts';
import { createFieldCrypto } from '../src/platform/crypto.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { adminQuery, databaseUrl, TEST_SECRET } from './template.ts';

export interface Harness {
  app: FastifyInstance;
  ctx: Context;
  database: Database;
  clock: { now: Date; advance(ms: number): void };
  login(username: string, password?: string): Promise<string>;
  /** A fresh API key for the whole city, made by the admin (devices and scripts send with it). */
  apiKey(name?: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/** CREATE DATABASE … TEMPLATE fails while another clone of the same template is being made; wait and retry. */
async function cloneTemplate(serverUrl: string, name: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await adminQuery(serverUrl, `create database ${name} template ${inject('civgridTemplate')}`);
    } catch (error) {
      if (attempt > 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

export async function createHarness(configOverrides: Partial<Config> = {}): Promise<Harness> {
  const serverUrl = inject('civgridServerUrl');
  const name = `civgrid_t${process.pid}_${++counter}_${Date.now() % 100_000}`;
  await cloneTemplate(serverUrl, name);
  const database = openDatabase(databaseUrl(serverUrl, name), 5);
  const clock = {
    now: new Date('2026-03-01T08:00:00+08:00'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const config: Config = {
    mode: 'demo',
    host: '127.0.0.1',
    port: 0,
    dataDir: '/nonexistent',
    databaseUrl: databaseUrl(serverUrl, name),
    embeddedPgPort: 0,
    secret: TEST_SECRET,
    seed: 'none',
    simulate: false,
    timezone: 'Asia/Shanghai',
    tileUrl: null,
    logLevel: 'silent',
    retentionDays: 90,
    mqttUrl: null,
    viid: { user: 'viid', password: 'civgrid-demo' },
    wechat: { token: 'civgrid-demo' },
    escalationGraceMinutes: 60,
    ...configOverrides,
  };
  const ctx: Context = {
    db: database.db,
    pool: database.pool,
    crypto: createFieldCrypto(TEST_SECRET),
    config,
    now: () => clock.now,
  };
  const app = await buildApp(ctx, { serveWeb: false });
  const harness: Harness = {
    app,
    ctx,
    database,
    clock,
    async login(username, password = DEMO_PASSWORD) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (response.statusCode !== 200)
        throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'civgrid_session');
      return `civgrid_session=${cookie!.value}`;
    },
    async apiKey(name = 'test gateway') {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/apikeys',
        headers: { cookie: await harness.login('admin') },
        payload: { name },
      });
      return response.json().key as string;
    },
    async close() {
      await app.close();
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
  return harness;
}
