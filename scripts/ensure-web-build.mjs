// Builds the web app (web/dist) when it is missing or older than its sources, so that
// `npm start` and `npm test` work on a fresh clone without a separate build step.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web', 'dist', 'index.html');
if (!fs.existsSync(path.join(root, 'web', 'index.html'))) process.exit(0);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sourcesChanged = () => {
  const built = fs.statSync(dist).mtimeMs;
  return newestMtime(path.join(root, 'web', 'src')) > built || fs.statSync(path.join(root, 'web', 'index.html')).mtimeMs > built;
};

if (!fs.existsSync(dist) || sourcesChanged()) {
  console.log('正在构建管理后台 building the web app (vite build)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // Always a production bundle: under vitest (NODE_ENV=test) antd would give every dialog the same
    // title id, and the browser tests would find the wrong dialog.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
