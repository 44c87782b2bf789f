#!/usr/bin/env node
'use strict';
// Per-platform prebuilt packages, the napi-rs layout users get from `npm i cryptotopcard`:
//   cryptotopcard                    the JS, the types and the loader (native/index.js), with an
//                                    optionalDependency on every platform package below
//   cryptotopcard-<platform>         one release .node each (npm/<platform>/package.json, from
//                                    `napi create-npm-dirs`: `os`, `cpu` and `libc` fields)
// npm installs only the platform package whose os/cpu/libc match the machine, and the loader
// requires it, so users need no Rust toolchain. This script builds the HOST platform's package
// (release, stripped) and the main package into target/npm/; other platforms are built the same way
// on a runner of that platform (or cross: `napi build --target <triple> -x`) and packed alike.
//
//   node scripts/prebuilt.js            build and pack into target/npm/
//   node scripts/prebuilt.js --check    also install both tarballs into a fresh project (no repo, no
//                                       compiler) and make real calls against a ctc-sandbox
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PKG_DIR = path.resolve(__dirname, '..');
const ROOT = path.resolve(PKG_DIR, '..');
const OUT = path.join(ROOT, 'target', 'npm');
const NAPI = path.join(PKG_DIR, 'node_modules', '.bin', 'napi');
const pkg = JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'));

/** napi's platform suffix for this machine (`linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`). */
function hostPlatform() {
  const { platform, arch } = process;
  if (platform === 'linux') {
    const glibc = process.report.getReport().header.glibcVersionRuntime;
    return `linux-${arch}-${glibc ? 'gnu' : 'musl'}`;
  }
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: 'inherit', ...opts });
}

/** `npm pack` of `dir` into OUT; returns the tarball's path. */
function pack(dir) {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', OUT], {
    cwd: dir,
    encoding: 'utf8',
  });
  return path.join(OUT, JSON.parse(out)[0].filename);
}

function build() {
  const platform = hostPlatform();
  const npmDir = path.join(PKG_DIR, 'npm', platform);
  if (!fs.existsSync(path.join(npmDir, 'package.json'))) {
    throw new Error(
      `no npm/${platform}/package.json: add the target to package.json "napi.targets" and run napi create-npm-dirs`,
    );
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  const stage = path.join(OUT, 'stage');
  const buildDir = path.join(stage, 'build');
  fs.mkdirSync(buildDir, { recursive: true });

  // 1. The release addon for this machine, stripped (symbols are 1.8 MB of it).
  run(NAPI, ['build', '--platform', '--release', '--output-dir', buildDir, '--no-js'], {
    cwd: PKG_DIR,
  });
  const nodeFile = `${pkg.napi.binaryName}.${platform}.node`;
  const built = path.join(buildDir, nodeFile);
  if (process.platform !== 'win32' && process.platform !== 'darwin') run('strip', ['--strip-unneeded', built]);

  // 2. The platform package: npm/<platform>/package.json + the .node.
  const platDir = path.join(stage, platform);
  fs.mkdirSync(platDir, { recursive: true });
  fs.copyFileSync(path.join(npmDir, 'package.json'), path.join(platDir, 'package.json'));
  fs.copyFileSync(built, path.join(platDir, nodeFile));
  const platTgz = pack(platDir);

  // 3. The main package: the published files minus any .node, plus optionalDependencies on every
  //    platform package (what `napi pre-publish` writes at release time).
  const mainDir = path.join(stage, 'main');
  fs.mkdirSync(mainDir, { recursive: true });
  const files = pkg.files.filter((f) => !f.endsWith('.node'));
  for (const f of files) {
    const src = path.join(PKG_DIR, f);
    if (!fs.existsSync(src)) throw new Error(`package file missing: ${f} (run make node first)`);
    fs.cpSync(src, path.join(mainDir, f), { recursive: true });
  }
  const optional = {};
  for (const dir of fs.readdirSync(path.join(PKG_DIR, 'npm')).sort()) {
    const p = JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'npm', dir, 'package.json'), 'utf8'));
    optional[p.name] = pkg.version;
  }
  const mainPkg = { ...pkg, files, optionalDependencies: optional };
  delete mainPkg.devDependencies;
  delete mainPkg.scripts;
  fs.writeFileSync(path.join(mainDir, 'package.json'), JSON.stringify(mainPkg, null, 2) + '\n');
  const mainTgz = pack(mainDir);

  const size = (f) => `${(fs.statSync(f).size / 1e6).toFixed(2)} MB`;
  console.log(`prebuilt: ${path.relative(ROOT, mainTgz)} (${size(mainTgz)})`);
  console.log(`prebuilt: ${path.relative(ROOT, platTgz)} (${size(platTgz)}; ${nodeFile} ${size(built)})`);
  return { mainTgz, platTgz, nodeSize: fs.statSync(built).size };
}

function startSandbox() {
  const bin = path.join(ROOT, 'target', 'debug', 'ctc-sandbox');
  const child = spawn(bin, ['--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /listening on (\S+)/.exec(buf);
      if (m) resolve({ child, url: m[1] });
    });
  });
}

async function check({ mainTgz, platTgz }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctc-prebuilt-'));
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"prebuilt-check","private":true}\n');
    // The other platforms' packages are not published from here: npm skips optional
    // dependencies it cannot fetch or that do not match this machine.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', mainTgz, platTgz], { cwd: dir });
    const installed = path.join(dir, 'node_modules', 'cryptotopcard', 'native');
    const stray = fs.readdirSync(installed).filter((f) => f.endsWith('.node'));
    if (stray.length) throw new Error(`main package must not carry a .node: ${stray}`);
    const { child, url } = await startSandbox();
    try {
      const script = `
        const { CryptoTopCard, NotFoundError } = require('cryptotopcard');
        (async () => {
          const client = new CryptoTopCard('sk_test_prebuilt_' + process.pid, { baseUrl: process.argv[1] });
          const wallet = await client.wallet.retrieve();
          let notFound = false;
          try { await client.cards.retrieve('card_missing'); } catch (e) { notFound = e instanceof NotFoundError; }
          const loaded = Object.keys(require.cache).find((f) => f.endsWith('.node')) || '';
          console.log(JSON.stringify({ currency: wallet.currency, notFound, loaded }));
        })().catch((e) => { console.error(e); process.exit(1); });`;
      const out = execFileSync(process.execPath, ['-e', script, url], { cwd: dir, encoding: 'utf8' });
      const got = JSON.parse(out.trim().split('\n').pop());
      const platformPkg = `cryptotopcard-${hostPlatform()}`;
      if (got.currency !== 'USD' || !got.notFound || !got.loaded.includes(`${path.sep}${platformPkg}${path.sep}`)) {
        throw new Error(`prebuilt check failed: ${out}`);
      }
      console.log(`prebuilt check: installed from tarballs, loaded ${platformPkg}, real calls answered`);
    } finally {
      child.kill();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Issue 13's budget for the shipped addon (today 6.3 MB stripped, with rustls on ring).
const MAX_NODE_BYTES = 7_000_000;

async function main() {
  const result = build();
  if (process.argv.includes('--check')) {
    if (result.nodeSize >= MAX_NODE_BYTES) {
      throw new Error(`release .node is ${result.nodeSize} bytes, over the ${MAX_NODE_BYTES} budget`);
    }
    await check(result);
  }
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
