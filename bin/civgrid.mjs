#!/usr/bin/env node
// `npx civgrid <command>` (and `npm start`): runs the server's CLI through tsx so no build step is needed,
// with the server's V8 flags (node-flags.mjs). Stop signals are passed on, so a service manager that
// signals only this process still stops the server cleanly.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeFlags } from './node-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(
  process.execPath,
  [...serverNodeFlags(), '--import', 'tsx', join(root, 'apps/server/src/main.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: process.cwd() },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
