#!/usr/bin/env node
'use strict';
// `make demo-node`: starts `ctc-sandbox --port 0`, exports CRYPTOTOPCARD_BASE_URL and a fresh
// sk_test_ key, and runs every example in examples/node/ (.js and .mjs with node; .ts compiled
// with tsc first). Exits non-zero when an example fails.
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const PKG = path.resolve(__dirname, '..');
const EXAMPLES = path.resolve(PKG, '..', 'examples', 'node');
const sandboxBin = process.argv[2];

function startSandbox(bin) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, RUST_LOG: process.env.RUST_LOG || 'warn' },
    });
    const rl = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('ctc-sandbox did not print its address within 30 s')), 30000);
    rl.once('line', (line) => {
      clearTimeout(timer);
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (!m) reject(new Error(`unexpected first line from ctc-sandbox: ${line}`));
      else resolve({ child, url: m[1] });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`ctc-sandbox exited early (${code})`)));
  });
}

/** Makes `require('cryptotopcard')` / `import 'cryptotopcard'` resolve from examples/node/. */
function linkPackage() {
  const dir = path.join(EXAMPLES, 'node_modules');
  fs.mkdirSync(dir, { recursive: true });
  const link = path.join(dir, 'cryptotopcard');
  try {
    fs.rmSync(link, { recursive: true, force: true });
  } catch (_) {
    /* absent */
  }
  fs.symlinkSync(PKG, link, 'dir');
  return dir;
}

function run(cmd, args, env) {
  const shown = [
    cmd === process.execPath ? 'node' : path.basename(cmd),
    // Only paths are shown relative to the examples folder; flags and values as given.
    ...args.map((a) => (path.isAbsolute(a) ? path.relative(EXAMPLES, a) || '.' : a)),
  ];
  console.log(`\n$ ${shown.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, cwd: EXAMPLES });
  return r.status === 0;
}

async function main() {
  if (!sandboxBin) throw new Error('usage: demo.js <path to ctc-sandbox>');
  const modules = linkPackage();
  const { child, url } = await startSandbox(sandboxBin);
  let failed = 0;
  let ran = 0;
  try {
    const env = { ...process.env, CRYPTOTOPCARD_BASE_URL: url };
    const files = fs.readdirSync(EXAMPLES).sort();
    const ts = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    const outDir = path.join(modules, '.demo-build');
    if (ts.length) {
      const tsc = path.join(PKG, 'node_modules', '.bin', 'tsc');
      const ok = run(tsc, ['-p', path.join(EXAMPLES, 'tsconfig.json'), '--noEmit', 'false', '--outDir', outDir], env);
      if (!ok) {
        failed += ts.length;
      }
    }
    for (const f of files) {
      let script = null;
      if (f.endsWith('.js') || f.endsWith('.mjs')) script = path.join(EXAMPLES, f);
      else if (f.endsWith('.ts') && !f.endsWith('.d.ts')) script = path.join(outDir, f.replace(/\.ts$/, '.js'));
      if (!script || !fs.existsSync(script)) continue;
      ran += 1;
      // A fresh sk_test_ key per example: each starts from its own account (wallet 10,000.00).
      const key = `sk_test_${crypto.randomBytes(16).toString('hex')}`;
      if (!run(process.execPath, [script], { ...env, CRYPTOTOPCARD_API_KEY: key })) {
        failed += 1;
        console.error(`example failed: ${f}`);
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
  console.log(`\ndemo-node: ${ran - failed} of ${ran} examples ran`);
  if (failed || ran === 0) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
