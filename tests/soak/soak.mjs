// Soak test (issue 17, part 5): a steady mixed workload against a real server for a long time, to find what only
// shows after thousands of requests — a leak, an error under load, a 5xx, a latency that creeps up.
//
// It starts `the5hc serve` on loopback with production settings (DEBUG=false) on a fresh SQLite database with the
// demo studio (`the5hc demo-data`), signs in the owner and a trainer (JWT for the API, the session cookie for the
// web pages), and then runs WORKERS paced loops that together make about RATE picks per second, each pick a kind
// of work chosen by weight (KINDS below; one to three requests): logins, client lists / searches / details,
// assessment creates, package purchases, bookings that are then completed, PDF report renders, web page views and
// form posts. Every SAMPLE seconds it prints one line: requests, errors, requests per second, the server's RSS,
// heap in use and open descriptors, and the p99 latency of each kind; at the end the totals and the verdict.
// Exit status 0 only when both pass rules hold:
//
//   1. No error. An error is any status other than the one the request expects (so every 5xx, and also a 4xx the
//      workload did not ask for), a connection error or a timeout (REQUEST_TIMEOUT_MS). The first few are printed.
//   2. Memory stops growing after warm-up. Warm-up is the first WARMUP_SECONDS (default: a quarter of the run, at
//      least two windows): the statement caches, the fonts and glyphs of the PDF renderer, the allocator's arenas
//      fill up there (measured at 20 picks/s: the program's heap is ~5 MiB after 30 s and stays there; SQLite's
//      page caches, 4 MB for each of the 9 connections, grow ~10 MiB in the first minute and then with the
//      database). Four values are read every second, and each window keeps its lowest reading, its "floor" (a
//      login's argon2id verification briefly holds 64 MiB and a PDF render its page buffers, so single readings
//      are noise):
//        heap — the5hc_heap_in_use_bytes minus the5hc_sqlite_memory_bytes of /metrics: what the program itself
//               holds (malloc'd, not freed), without SQLite's page caches, which are bounded (cache_size × 9
//               connections) but keep filling for as long as the database grows. A leak shows here.
//               After warm-up the floor may rise by at most HEAP_MARGIN_MB (4 MiB) in all, and, when the later half
//               of the run has at least 4 windows, the least-squares slope of the floors over that half must stay
//               ≤ HEAP_SLOPE_MB_PER_MIN (0.25 MiB/min): a leak of 1 KiB per request at 20 req/s is 1.2 MiB/min.
//        rss  — VmRSS of /proc/<pid>/status: what the machine pays. It also counts freed memory that glibc's
//               per-thread arenas keep (up to 8 per core for the 64 request threads), which rises in steps when
//               concurrency peaks — bounded, but not a clean plateau. So RSS gets a bound, not a slope: the floor
//               may rise by at most RSS_MARGIN_MB (24 MiB) after warm-up.
//        fds  — open descriptors of /proc/<pid>/fd: at most FD_MARGIN (8) more at the end than after warm-up.
//        sqlite — the5hc_sqlite_memory_bytes, printed (highest reading); bounded by the server's configuration.
//
// usage: node tests/soak/soak.mjs                 (THE5HC_BINARY=build/the5hc; see `make soak` and README.md)
// env:   SOAK_MINUTES (10) or SOAK_SECONDS (overrides), SAMPLE_SECONDS (60; 15 when the run is ≤ 2 minutes),
//        RATE (20 picks/s), WORKERS (4), WARMUP_SECONDS, HEAP_MARGIN_MB (4), HEAP_SLOPE_MB_PER_MIN (0.25),
//        RSS_MARGIN_MB (24), FD_MARGIN (8), REQUEST_TIMEOUT_MS (10000), KEEP=1 keeps the temporary directory
//        (database, server.log).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const binary = path.resolve(env.THE5HC_BINARY || 'build/the5hc');
const seconds = Number(env.SOAK_SECONDS || 60 * Number(env.SOAK_MINUTES || 10));
const sampleSeconds = Number(env.SAMPLE_SECONDS || (seconds <= 120 ? 15 : 60));
const rate = Number(env.RATE || 20);
const workers = Number(env.WORKERS || 4);
const warmupSeconds = Number(env.WARMUP_SECONDS || Math.max(2 * sampleSeconds, Math.round(seconds / 4)));
const limits = {  // growth allowed after warm-up, in all and per minute over the later half (rule 2 above)
  heap: { margin: Number(env.HEAP_MARGIN_MB || 4), slope: Number(env.HEAP_SLOPE_MB_PER_MIN || 0.25), unit: 'MiB' },
  rss: { margin: Number(env.RSS_MARGIN_MB || 24), slope: Infinity, unit: 'MiB' },
  fds: { margin: Number(env.FD_MARGIN || 8), slope: Infinity, unit: '' },
};
const requestTimeoutMs = Number(env.REQUEST_TIMEOUT_MS || 10000);
const password = 'demo-pass-1234';  // app/demo_data.hpp kDemoPassword

// ---------------------------------------------------------------------------------------------------------------
// The server: a temporary directory with its database, migrated, with the demo studio, served on a free port.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'the5hc-soak-'));
const serverEnv = {
  ...env,
  DATABASE_URL: `sqlite:///${work}/soak.db`,
  DEBUG: 'false',
  SECRET_KEY: 'soak-secret-key-that-is-long-enough-for-the-deploy-check-0123456789',
  ALLOWED_HOSTS: '127.0.0.1',
  SECURE_SSL_REDIRECT: 'false',
  SESSION_COOKIE_SECURE: 'false',
  LOG_LEVEL: 'warning',
  METRICS_TOKEN: 'soak-metrics-token',
  // The workload is one user per role sending far more than a person would: lift the per-user throttles (they are
  // tested elsewhere), keep everything else as in production.
  THROTTLE_ANON: '100000000/second',
  THROTTLE_USER: '100000000/second',
  LOGIN_RATE_LIMIT: '100000/second',
};

function cli(args) {
  const r = spawnSync(binary, args, { env: serverEnv, cwd: work, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the5hc ${args.join(' ')}: ${r.stdout}${r.stderr}`);
}

function startServer() {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(path.join(work, 'server.log'), 'a');
    const child = spawn(binary, ['serve', '--host', '127.0.0.1', '--port', '0'],
      { env: serverEnv, cwd: work, stdio: ['ignore', 'pipe', log] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      fs.appendFileSync(path.join(work, 'server.log'), d);
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) { clearTimeout(timer); resolve({ child, base: m[1] }); }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!stopping) { console.log(`server exited (${code ?? signal}) during the soak`); crashed = true; }
      reject(new Error(`server exited ${code ?? signal}: ${out}`));
    });
  });
}

// Open file descriptors of the server: sockets, database files; a leak of either shows here long before the limit.
function openFds(pid) {
  try { return fs.readdirSync(`/proc/${pid}/fd`).length; } catch { return NaN; }
}

// From /metrics, in MiB: the heap the server holds (the5hc_heap_in_use_bytes) and SQLite's part of it
// (the5hc_sqlite_memory_bytes: page caches and statements); NaN when they cannot be read (also an error).
async function heapMb(base) {
  const res = await call('metrics', base, 'GET', '/metrics',
    { headers: { Authorization: `Bearer ${serverEnv.METRICS_TOKEN}` } });
  const value = (name) => {
    const m = res && res.data.match(new RegExp(`^${name} (\\S+)$`, 'm'));
    if (res && !m) fail('metrics', `/metrics has no ${name}`);
    return m ? Number(m[1]) / 1048576 : NaN;
  };
  return { heap: value('the5hc_heap_in_use_bytes'), sqlite: value('the5hc_sqlite_memory_bytes') };
}

function rssMb(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch { return NaN; }
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring: every request goes through `call`, which checks the status and files the latency under its kind in
// the current window.

let window = newWindow();
const totals = { requests: 0, errors: 0, byKind: new Map() };
const errorSamples = [];
let crashed = false;
let stopping = false;
let server = null;  // the child process, stopped (SIGTERM) at the end, also after a failure

function newWindow() { return { requests: 0, errors: 0, latencies: new Map(), rss: [], heap: [], sqlite: [], fds: [] }; }

function record(kind, ms, ok, detail) {
  window.requests += 1;
  totals.requests += 1;
  if (!window.latencies.has(kind)) window.latencies.set(kind, []);
  window.latencies.get(kind).push(ms);
  if (!totals.byKind.has(kind)) totals.byKind.set(kind, []);
  totals.byKind.get(kind).push(ms);
  if (!ok) fail(kind, detail);
}

function fail(kind, detail) {
  window.errors += 1;
  totals.errors += 1;
  if (errorSamples.length < 20) { errorSamples.push(`${kind}: ${detail}`); console.log(`  error: ${kind}: ${detail}`); }
}

const p99 = (xs) => {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
};

// One HTTP request of `kind`; `expect` is the status (or statuses) the workload asked for. Returns the response
// with its body read (text, or bytes for a PDF), or null after an error.
async function call(kind, base, method, url, { expect = 200, headers = {}, body, binary: asBytes = false } = {}) {
  const expected = [expect].flat();
  const started = performance.now();
  try {
    const res = await fetch(base + url, {
      method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const data = asBytes ? Buffer.from(await res.arrayBuffer()) : await res.text();
    const ok = expected.includes(res.status);
    record(kind, performance.now() - started, ok,
      `${method} ${url} → ${res.status}${ok ? '' : ' ' + String(data).slice(0, 200)}`);
    return ok ? { status: res.status, headers: res.headers, data } : null;
  } catch (e) {
    record(kind, performance.now() - started, false, `${method} ${url} → ${e.cause?.code || e.name}: ${e.message}`);
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The people: the owner and a trainer of the demo studio, each with a JWT and a web session.

function cookieOf(res, name) {
  for (const c of res.headers.getSetCookie()) {
    const m = c.match(new RegExp(`^${name}=([^;]*)`));
    if (m) return m[1];
  }
  return '';
}

const formBody = (fields) => new URLSearchParams(fields).toString();
const csrfInForm = (html) => (html.match(/name="csrfmiddlewaretoken" value="([^"]*)"/) || [])[1] || '';

// POST /api/v1/auth/login/ → {access, refresh, user}, or null.
async function apiLogin(base, username) {
  const res = await call('login', base, 'POST', '/api/v1/auth/login/', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email_or_username: username, password }),
  });
  return res && JSON.parse(res.data);
}

// The login form as a browser sends it: the page (its CSRF cookie and form token), then the POST → 303 and a session.
async function webLogin(base, username) {
  const page = await call('web_login', base, 'GET', '/accounts/login/');
  if (!page) return null;
  const res = await call('web_login', base, 'POST', '/accounts/login/', {
    expect: 303,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `csrftoken=${cookieOf(page, 'csrftoken')}` },
    body: formBody({ csrfmiddlewaretoken: csrfInForm(page.data), email_or_username: username, password }),
  });
  return res && cookieOf(res, 'sessionid');
}

async function signIn(base, username) {
  const person = { base, username, token: (await apiLogin(base, username))?.access, session: await webLogin(base, username) };
  if (!person.token || !person.session) throw new Error(`could not sign in ${username}`);
  person.api = (kind, method, url, options = {}) => call(kind, base, method, url, {
    ...options,
    headers: { Authorization: `Bearer ${person.token}`, 'Content-Type': 'application/json', ...options.headers },
  });
  person.web = (kind, url, options = {}) => call(kind, base, 'GET', url, {
    ...options, headers: { Cookie: `sessionid=${person.session}`, ...options.headers },
  });
  const clients = await person.api('setup', 'GET', '/api/v1/clients/?page_size=100');
  person.clients = JSON.parse(clients.data).results.map((c) => c.id);
  const assessments = await person.api('setup', 'GET', '/api/v1/assessments/?page_size=100');
  person.assessments = JSON.parse(assessments.data).results.map((a) => a.id);
  person.packages = [];  // created by the workload: {id, left}
  if (!person.clients.length || !person.assessments.length) throw new Error(`${username} sees no demo data`);
  return person;
}

// ---------------------------------------------------------------------------------------------------------------
// The workload. Weights are shares of the picks (not of the requests: a booking is two requests, a web login two).
// Mostly reads, as in a studio: trainers look at clients and pages far more often than they write; a login is rare
// (an argon2id verification costs a few hundred ms of one core, so its share decides much of the CPU).

const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400000));
const searches = ['김', '이', '박', '민준', '서연', 'zz-none'];

function assessmentInput(client) {
  const r = (lo, hi) => Math.round((lo + Math.random() * (hi - lo)) * 10) / 10;
  return {
    client, date: daysFromNow(-1), test_environment: pick(['indoor', 'outdoor']), temperature: r(5, 30),
    notes: '소크 테스트 평가', overhead_squat_performed: true, overhead_squat_knee_valgus: Math.random() < 0.3,
    push_up_reps: Math.round(r(5, 45)), push_up_type: pick(['standard', 'modified']),
    single_leg_balance_right_eyes_open: r(10, 60), single_leg_balance_left_eyes_open: r(10, 60),
    single_leg_balance_right_eyes_closed: r(2, 30), single_leg_balance_left_eyes_closed: r(2, 30),
    toe_touch_distance: r(-15, 15), shoulder_mobility_right: r(5, 30), shoulder_mobility_left: r(5, 30),
    shoulder_mobility_score: Math.round(r(1, 3)), farmer_carry_weight: r(20, 60), farmer_carry_distance: r(20, 40),
    farmer_carry_time: r(30, 90), harvard_step_test_hr1: Math.round(r(90, 140)),
    harvard_step_test_hr2: Math.round(r(80, 130)), harvard_step_test_hr3: Math.round(r(70, 120)),
    harvard_step_test_duration: 180,
  };
}

async function buyPackage(p) {
  const res = await p.api('package_create', 'POST', '/api/v1/packages/', {
    expect: 201,
    body: JSON.stringify({ client: pick(p.clients), package_name: '소크 10회 PT', total_amount: 550000,
      total_sessions: 10, payment_method: pick(['card', 'cash', 'transfer']) }),
  });
  if (res) p.packages.push({ id: JSON.parse(res.data).id, left: 10 });
}

const webPages = (p) => [
  '/', '/clients/', `/clients/?search=${encodeURIComponent(pick(searches))}`, `/clients/${pick(p.clients)}/`,
  '/assessments/', `/assessments/${pick(p.assessments)}/`, '/sessions/', '/sessions/calendar/',
  '/sessions/packages/', '/sessions/payments/', '/reports/', '/trainers/notifications/',
];

// A form as a browser fills it: the page (its masked CSRF token), then the POST, answered with a redirect (303).
async function webForm(p, kind, url, fields) {
  const page = await p.web(kind, url);
  if (!page) return;
  await call(kind, p.base, 'POST', url, {
    expect: 303,
    headers: { Cookie: `sessionid=${p.session}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: formBody({ csrfmiddlewaretoken: csrfInForm(page.data), ...fields }),
  });
}

let serial = 0;
const KINDS = [
  // A login's tokens then live as an app's do: refreshed once (rotation), then the family is revoked by logout.
  { name: 'login', weight: 1, run: async (p) => {
    const tokens = await apiLogin(p.base, p.username);
    if (!tokens) return;
    const json = { 'Content-Type': 'application/json' };
    const refreshed = await call('refresh', p.base, 'POST', '/api/v1/auth/refresh/',
      { headers: json, body: JSON.stringify({ refresh: tokens.refresh }) });
    if (refreshed) {
      await call('logout', p.base, 'POST', '/api/v1/auth/logout/',
        { expect: 204, headers: json, body: JSON.stringify({ refresh: JSON.parse(refreshed.data).refresh }) });
    }
  } },
  { name: 'web_login', weight: 1, run: (p) => webLogin(p.base, p.username) },
  { name: 'client_list', weight: 12, run: (p) => p.api('client_list', 'GET', '/api/v1/clients/') },
  { name: 'client_search', weight: 8, run: (p) =>
    p.api('client_search', 'GET', `/api/v1/clients/?search=${encodeURIComponent(pick(searches))}`) },
  { name: 'client_detail', weight: 10, run: (p) => p.api('client_detail', 'GET', `/api/v1/clients/${pick(p.clients)}/`) },
  { name: 'assessment_list', weight: 5, run: (p) => p.api('assessment_list', 'GET', '/api/v1/assessments/') },
  { name: 'assessment_create', weight: 6, run: async (p) => {
    const res = await p.api('assessment_create', 'POST', '/api/v1/assessments/',
      { expect: 201, body: JSON.stringify(assessmentInput(pick(p.clients))) });
    if (res) p.assessments.push(JSON.parse(res.data).id);
  } },
  // A booking on one of the workload's packages, then its completion; a used-up package is replaced by a new one.
  { name: 'booking', weight: 6, run: async (p) => {
    const pkg = p.packages.find((x) => x.left > 0);
    if (!pkg) return buyPackage(p);
    pkg.left -= 1;
    const res = await p.api('booking', 'POST', '/api/v1/sessions/', {
      expect: 201,
      body: JSON.stringify({ package: pkg.id, session_date: daysFromNow(3), session_time: '10:00' }),
    });
    if (res) await p.api('complete', 'POST', `/api/v1/sessions/${JSON.parse(res.data).id}/complete/`, { body: '{}' });
  } },
  { name: 'calendar', weight: 3, run: (p) => p.api('calendar', 'GET', '/api/v1/sessions/calendar/') },
  { name: 'dashboard', weight: 3, run: (p) => p.api('dashboard', 'GET', '/api/v1/users/dashboard_stats/') },
  // A PDF: the newest assessments have no report yet, so this renders (and stores) one; the web route serves the
  // stored copy when it is current.
  { name: 'pdf', weight: 3, run: async (p) => {
    const id = p.assessments[p.assessments.length - 1 - Math.floor(Math.random() * 5)] ?? pick(p.assessments);
    const res = Math.random() < 0.5
      ? await p.api('pdf', 'GET', `/api/v1/assessments/${id}/report.pdf`, { binary: true })
      : await p.web('pdf', `/assessments/${id}/report.pdf`, { binary: true });
    if (res && res.data.subarray(0, 5).toString() !== '%PDF-') fail('pdf', `report of ${id} is not a PDF`);
  } },
  { name: 'web_client_add', weight: 2, run: (p) => webForm(p, 'web_client_add', '/clients/add/', {
    name: `소크회원${++serial}`, age: String(20 + (serial % 50)), gender: pick(['male', 'female']), height: '170.5',
    weight: '65.2', email: `soak${serial}@example.com`, phone: `010-5555-${String(serial % 10000).padStart(4, '0')}`,
  }) },
  { name: 'page', weight: 35, run: (p) => p.web('page', pick(webPages(p))) },
  { name: 'fragment', weight: 6, run: (p) =>
    p.web('fragment', `/clients/?search=${encodeURIComponent(pick(searches))}`, { headers: { 'HX-Request': 'true' } }) },
];
const totalWeight = KINDS.reduce((s, k) => s + k.weight, 0);
function pickKind() {
  let x = Math.random() * totalWeight;
  for (const k of KINDS) { x -= k.weight; if (x < 0) return k; }
  return KINDS[KINDS.length - 1];
}

// ---------------------------------------------------------------------------------------------------------------
// The run: WORKERS loops, each paced at RATE / WORKERS picks per second (a slow answer delays that loop only until
// it catches up; it never sends a burst to make up for more than one interval).

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function worker(people, until) {
  const interval = (1000 * workers) / rate;
  let next = performance.now() + Math.random() * interval;
  while (performance.now() < until && !crashed) {
    await sleep(Math.max(0, next - performance.now()));
    await pickKind().run(Math.random() < 0.7 ? people[0] : people[1]);
    next = Math.max(next + interval, performance.now() - interval);
  }
}

// Least-squares slope of ys over xs.
function slope(xs, ys) {
  const n = xs.length, mx = xs.reduce((a, b) => a + b) / n, my = ys.reduce((a, b) => a + b) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
  return sxx ? sxy / sxx : 0;
}

async function main() {
  cli(['migrate']);
  cli(['demo-data', '--force']);
  const started = await startServer();
  server = started.child;
  const { base } = started, pid = server.pid;
  console.log(`# soak: ${seconds} s at ~${rate} picks/s with ${workers} workers, samples every ${sampleSeconds} s, ` +
    `warm-up ${warmupSeconds} s; ${base} (pid ${pid}), SQLite, demo studio; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`);
  const people = [await signIn(base, 'demo'), await signIn(base, 'demo-trainer')];
  await buyPackage(people[0]);
  await buyPackage(people[1]);
  window = newWindow();  // setup is not part of the measurement
  totals.requests = totals.errors = 0;
  totals.byKind.clear();

  // One reading of RSS, heap and open descriptors a second; every SAMPLE seconds the window closes into a line.
  const start = performance.now();
  const until = start + seconds * 1000;
  const samples = [];  // per window: {t, requests, errors, rss, heap, fds} (floors), sqlite, peak (highest readings)
  const floor = (xs) => Math.min(...xs.filter(Number.isFinite));
  const closeWindow = (t) => {
    const w = window;
    window = newWindow();
    const sample = { t, requests: w.requests, errors: w.errors, rss: floor(w.rss), heap: floor(w.heap),
      sqlite: Math.max(...w.sqlite.filter(Number.isFinite)), fds: floor(w.fds),
      peak: Math.max(...w.rss.filter(Number.isFinite)) };
    samples.push(sample);
    const kinds = [...w.latencies].map(([k, xs]) => `${k}=${Math.round(p99(xs))}`).join(' ');
    console.log(`t=${String(t).padStart(4)}s requests=${w.requests} errors=${w.errors} ` +
      `rps=${(w.requests / sampleSeconds).toFixed(1)} rss=${sample.rss.toFixed(1)}MiB(peak ${sample.peak.toFixed(0)}) ` +
      `heap=${sample.heap.toFixed(1)}MiB sqlite=${sample.sqlite.toFixed(1)}MiB fds=${sample.fds} p99_ms: ${kinds}`);
  };
  const sampler = async () => {
    for (let n = 1; n * sampleSeconds <= seconds && !crashed; n++) {
      const end = start + n * sampleSeconds * 1000;
      do {
        const next = performance.now() + 1000;
        window.rss.push(rssMb(pid));
        window.fds.push(openFds(pid));
        const { heap, sqlite } = await heapMb(base);
        window.heap.push(heap - sqlite);
        window.sqlite.push(sqlite);
        await sleep(Math.max(0, Math.min(next, end) - performance.now()));
      } while (performance.now() < end - 1);
      closeWindow(n * sampleSeconds);
    }
  };
  await Promise.all([sampler(), ...Array.from({ length: workers }, () => worker(people, until))]);

  stopping = true;
  server.kill('SIGTERM');

  // The verdict.
  const problems = [];
  if (crashed) problems.push('the server exited during the soak');
  if (totals.errors) problems.push(`${totals.errors} errors (first: ${errorSamples.slice(0, 3).join(' | ')})`);
  const warm = samples.filter((x) => x.t <= warmupSeconds);
  const after = samples.filter((x) => x.t > warmupSeconds);
  const later = samples.filter((x) => x.t > seconds / 2);
  if (!warm.length || !after.length) {
    problems.push(`too short to judge memory: ${samples.length} windows, warm-up ${warmupSeconds} s`);
  } else {
    for (const [key, limit] of Object.entries(limits)) {
      const from = warm[warm.length - 1][key], to = after[after.length - 1][key], growth = to - from;
      let line = `# ${key} floor after warm-up ${from.toFixed(1)}${limit.unit}, at the end ${to.toFixed(1)}${limit.unit} ` +
        `(growth ${growth.toFixed(1)}, allowed ${limit.margin})`;
      if (!(growth <= limit.margin)) problems.push(`${key} grew by ${growth.toFixed(1)}${limit.unit} after warm-up`);
      if (later.length >= 4 && Number.isFinite(limit.slope)) {
        const perMin = 60 * slope(later.map((x) => x.t), later.map((x) => x[key]));
        line += `; slope over the later half ${perMin.toFixed(2)}${limit.unit}/min (allowed ${limit.slope})`;
        if (!(perMin <= limit.slope)) problems.push(`${key} still growing at ${perMin.toFixed(2)}${limit.unit}/min`);
      }
      console.log(line);
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  console.log(`# total: ${totals.requests} requests in ${elapsed.toFixed(0)} s (${(totals.requests / elapsed).toFixed(1)}/s), ` +
    `${totals.errors} errors; p99 ms over the run: ` +
    [...totals.byKind].map(([k, xs]) => `${k}=${Math.round(p99(xs))}(${xs.length})`).join(' '));
  if (problems.length) {
    // The server's warnings and errors (a 5xx is logged with its cause) before the directory goes.
    const log = fs.readFileSync(path.join(work, 'server.log'), 'utf8').trim().split('\n');
    console.log(`# last lines of server.log:\n${log.slice(-20).join('\n')}`);
  }
  if (env.KEEP === '1') console.log(`# kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
  if (problems.length) {
    console.log(`FAIL: ${problems.join('; ')}`);
    process.exit(1);
  }
  console.log('PASS: no errors, no memory growth after warm-up');
  process.exit(0);
}

main().catch((e) => {
  console.log(`FAIL: ${e.stack || e}`);
  stopping = true;
  server?.kill('SIGTERM');
  if (env.KEEP !== '1') fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
