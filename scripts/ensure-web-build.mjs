#!/usr/bin/env node
// Builds the web apps when their build is missing or older than their sources, so `npm start` on a fresh
// clone serves the console without a separate build step, and a second start skips the build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = new URL('../apps/web/', import.meta.url).pathname;
const marker = join(web, 'dist/console/index.html');
const sources = ['src', 'console', 'field', 'portal', 'public', 'vite.config.ts', 'index.html'].map((p) =>
  join(web, p),
);
const shared = ['packages/contracts/src', 'packages/domain/src'].map(
  (p) => new URL(`../${p}`, import.meta.url).pathname,
);

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const force = process.argv.includes('--force');
const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const changedAt = Math.max(...[...sources, ...shared].map(newest));
if (force || builtAt < changedAt) {
  process.stdout.write('building the web apps (console) …\n');
  execFileSync('npm', ['run', 'build', '-w', '@civgrid/web'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: join(web, '../..'),
  });
}
