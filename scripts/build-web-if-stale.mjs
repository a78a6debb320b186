// Builds the web bundle when it is missing or older than its sources, so that
// `npm start` is one command on a fresh clone and quick on every later start.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'dist/web/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const sources = Math.max(
  newest(path.join(root, 'web')),
  newest(path.join(root, 'contracts')),
  statSync(path.join(root, 'vite.config.ts')).mtimeMs,
);
if (existsSync(output) && statSync(output).mtimeMs >= sources) process.exit(0);

console.log('正在构建前端 (building the web app)…');
execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
