// Starts a real civgrid (CLI `start`, embedded PostgreSQL, demo seed) in a temporary data directory and
// a headless Chromium from Debian. Never downloads a browser.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { serverNodeFlags } from '../bin/node-flags.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The browsers of the servers running in this file, for the failure report (failure-report.ts). */
export const openBrowsers = new Set<Browser>();

export interface RunningCivgrid {
  url: string;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startCivgrid(): Promise<RunningCivgrid> {
  const dataDir = mkdtempSync(join(tmpdir(), 'civgrid-e2e-'));
  const port = 18_000 + (process.pid % 1000);
  const child: ChildProcess = spawn(
    process.execPath,
    [...serverNodeFlags(), '--import', 'tsx', 'apps/server/src/main.ts', 'start'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        CIVGRID_DATA: dataDir,
        CIVGRID_PG_PORT: String(port + 1),
        CIVGRID_SIMULATE: '0',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`civgrid did not start:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('civgrid ready on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`civgrid exited with ${code}:\n${output}`)));
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  openBrowsers.add(browser);
  return {
    url: `http://127.0.0.1:${port}`,
    browser,
    async stop() {
      openBrowsers.delete(browser);
      await browser.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
