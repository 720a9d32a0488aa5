// The browser-test harness shared by every tests/e2e/*.test.mjs suite (each suite is its own ctest, e2e_<name>):
// a fresh SQLite database with the demo studio, `the5hc serve` on a free loopback port, and Debian's chromium driven
// by playwright-core. Every visited page must log no console error and no CSP violation (`finish` fails the suite
// otherwise); screenshots (desktop and 375 px) go to SCREENSHOTS.
//
//   THE5HC_BINARY=build/the5hc THE5HC_NPM_DIR=build/npm SCREENSHOTS=build/e2e-screenshots node tests/e2e/web.test.mjs
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

const binary = path.resolve(process.env.THE5HC_BINARY);
const npmDir = path.resolve(process.env.THE5HC_NPM_DIR);
export const shots = path.resolve(process.env.SCREENSHOTS || path.join(os.tmpdir(), 'the5hc-e2e-screenshots'));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const { chromium } = createRequire(path.join(npmDir, 'package.json'))('playwright-core');

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// `the5hc serve --port 0` prints the port it got.
function startServer(env, work) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['serve', '--host', '127.0.0.1', '--port', '0'], { env, cwd: work });
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) { clearTimeout(timer); resolve({ child, base: m[1] }); }
    });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

// Starts a studio: migrated database with demo data (extraEnv adds server settings, e.g. EMAIL_HOST), the server,
// and one persistent Chromium context whose first page is `page`. Returns the helpers every suite uses.
export async function startStudio({ extraEnv = {} } = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'the5hc-e2e-'));
  fs.mkdirSync(shots, { recursive: true });
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:///${work}/e2e.db`,
    DEBUG: 'true',
    SECRET_KEY: 'e2e-secret-key-that-is-long-enough-for-the-deploy-check-0123456789',
    LOG_LEVEL: 'warning',
    ...extraEnv,
  };
  // Runs a CLI command of the binary against the suite's database (throws on a non-zero exit).
  const cli = (args) => {
    const r = spawnSync(binary, args, { env, cwd: work, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the5hc ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  cli(['migrate']);
  cli(['demo-data']);
  const { child: server, base } = await startServer(env, work);

  const problems = [];  // console errors and CSP violations of every page
  const results = [];
  const profiles = [];
  const contexts = [];

  // A browser context that records console errors and CSP violations into `problems`. The first one is persistent
  // (its profile directory is removed at the end); more (a second user, a logged-out client) come from newContext().
  const watch = async (context) => {
    context.on('page', (p) => watchPage(p));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const p of context.pages()) watchPage(p);
    contexts.push(context);
    return context;
  };
  const watchPage = (p) => {
    p.on('console', (msg) => { if (msg.type() === 'error') problems.push(`${p.url()}: ${msg.text()}`); });
    p.on('pageerror', (err) => problems.push(`${p.url()}: ${err.message}`));
    p.on('response', (r) => { if (r.status() >= 400) console.log(`  (HTTP ${r.status()} ${r.url()})`); });
    p.on('dialog', (d) => d.accept());
  };
  const newContext = async (options = {}) => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'the5hc-e2e-chromium-'));
    profiles.push(profile);
    return watch(await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath, headless: true, acceptDownloads: true,
      viewport: { width: 1280, height: 900 }, locale: 'ko-KR', args: launchArgs, ...options,
    }));
  };
  const context = await newContext();
  const page = context.pages()[0] || await context.newPage();

  async function step(name, fn) {
    try {
      await fn();
      results.push(['ok', name]);
      console.log(`ok - ${name}`);
    } catch (e) {
      results.push(['FAIL', name]);
      console.log(`not ok - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
    }
  }

  // Full-page screenshots at the current (desktop) size and at 375 px. A full-page capture resizes the page once
  // more and Chart.js animates every resize from zero, so the charts drew nothing in the 375 px shots: the shots are
  // taken with reduced motion, which the charts honour (drawn at once).
  async function shoot(p, name) {
    await p.emulateMedia({ reducedMotion: 'reduce' });
    await p.screenshot({ path: path.join(shots, `${name}-desktop.png`), fullPage: true });
    const size = p.viewportSize();
    await p.setViewportSize({ width: 375, height: 812 });
    await p.waitForTimeout(800);  // charts follow the new width
    await p.screenshot({ path: path.join(shots, `${name}-375.png`), fullPage: true });
    await p.setViewportSize(size);
    await p.emulateMedia({ reducedMotion: null });
  }

  // At 360 px the page must not scroll sideways (wide tables scroll inside their own box) — neither at once, before
  // scripts such as Chart.js have followed the new width (CI caught a chart's old width there), nor after they have.
  async function fitsNarrow(p) {
    const size = p.viewportSize();
    const measure = () => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await p.setViewportSize({ width: 360, height: 740 });
    const atOnce = await measure();
    await p.waitForTimeout(150);
    const overflow = Math.max(atOnce, await measure());
    await p.setViewportSize(size);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at 360px on ${p.url()}`);
  }

  // The browser logs the status of a deliberate 404/422 as a console error; only those of `fn` are forgiven.
  async function expectingHttpError(status, fn) {
    const before = problems.length;
    await fn();
    const own = problems.splice(before).filter((q) => !q.includes(`status of ${status}`));
    problems.push(...own);
  }

  const chartsDrawn = (p, n) => p.waitForFunction((count) =>
    document.querySelectorAll('canvas[data-chart-ready="true"]').length >= count, n, { timeout: 10000 });

  // Logs in through the login form (the demo owner by default) and waits for the dashboard.
  async function login(p = page, username = 'demo', password = 'demo-pass-1234') {
    await p.goto(`${base}/accounts/login/`);
    await p.fill('#id_login', username);
    await p.fill('#id_password', password);
    await Promise.all([p.waitForURL(`${base}/`), p.click('button[type=submit]')]);
  }

  // Closes every browser and the server, removes the temporary files, prints the tally and exits non-zero when a
  // step failed or any page logged a console error or CSP violation.
  async function finish() {
    await step('no console error and no CSP violation on any page', async () => {
      assert.deepEqual(problems, []);
    });
    for (const c of contexts) await c.close().catch(() => {});
    server.kill('SIGTERM');
    for (const p of profiles) fs.rmSync(p, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
    const failed = results.filter(([r]) => r === 'FAIL').length;
    console.log(`${results.length - failed}/${results.length} passed; screenshots in ${shots}`);
    process.exit(failed ? 1 : 0);
  }

  return { base, page, context, newContext, cli, step, shoot, fitsNarrow, expectingHttpError, chartsDrawn, login,
    finish, problems };
}
