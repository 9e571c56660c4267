// Starts the PostgreSQL the module tests run on and prepares a migrated, seeded template database.
// With DATABASE_URL the tests use that server (it must allow CREATE DATABASE); otherwise an embedded
// PostgreSQL 17 in a temporary directory, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/platform/embedded-postgres.ts';
import { prepareTemplate } from './template.ts';

export default async function setup(project: TestProject) {
  let stop = async () => {};
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'civgrid-test-'));
    const port = 15_400 + (process.pid % 500);
    const embedded = await startEmbeddedPostgres(dir, port, 'postgres');
    serverUrl = embedded.url;
    stop = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = await prepareTemplate(serverUrl);
  project.provide('civgridServerUrl', serverUrl);
  project.provide('civgridTemplate', template);
  return stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    civgridServerUrl: string;
    civgridTemplate: string;
  }
}
