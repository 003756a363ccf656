// Shared helpers of the browser tests: Debian's chromium through
// playwright-core (no browser download), a fresh profile per test, the REST
// API for setting up data, and a screenshot per test in artifacts/.
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { spawn, execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE = process.env.TS_BASE_URL || 'http://127.0.0.1:8080';
export const PASSWORD = process.env.TS_DEMO_PASSWORD || 'demo-password-1234';
export const ADMIN_PASSWORD = process.env.TSUNAGARI_ADMIN_PASSWORD || 'demo-root-password';
const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = process.env.TS_ARTIFACTS || join(here, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const messages = {
  ja: JSON.parse(readFileSync(join(here, '../../data/web/i18n/ja.json'), 'utf8')),
  en: JSON.parse(readFileSync(join(here, '../../data/web/i18n/en.json'), 'utf8')),
};

// A browser with a fresh profile (its own --user-data-dir), a phone-sized
// window unless told otherwise, and a record of page errors and console
// errors (a CSP violation shows there).
export async function openBrowser({ viewport = { width: 390, height: 844 }, lang = 'ja' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ts-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS, `--lang=${lang === 'ja' ? 'ja-JP' : 'en-GB'}`], viewport, locale: lang === 'ja' ? 'ja-JP' : 'en-GB',
    timezoneId: 'Asia/Tokyo', serviceWorkers: 'allow',
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.setDefaultTimeout(15000);
  if (lang === 'en') {
    await page.goto(`${BASE}/app/login`);
    await page.evaluate(() => localStorage.setItem('ts.lang', 'en'));
  }
  const close = async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { context, page, problems, close };
}

export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name.replace(/[^a-zA-Z0-9_-]+/g, '-')}.png`), fullPage: true });
}

// Runs `fn` with a fresh browser and always leaves a screenshot named after
// the test, also when it fails.
export async function withBrowser(t, opts, fn) {
  const b = await openBrowser(opts);
  try {
    await fn(b);
  } finally {
    try { await shot(b.page, t.name); } catch { /* the page is gone */ }
    await b.close();
  }
}

export async function login(page, loginName, password = PASSWORD) {
  await page.goto(`${BASE}/app/login`);
  await page.locator('#login').fill(loginName);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.endsWith('/app/login'));
}

// Client-side navigation, as a click on a link would do, without waiting:
// the page may move on at once (a 401 sends it to sign in).
export async function navigate(page, path) {
  await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
}

// Client-side navigation that waits until the page is there.
export async function go(page, path) {
  await navigate(page, path);
  await page.waitForFunction((p) => location.pathname === p.split('?')[0], path);
}

// ---- the REST API, for setting up data ----------------------------------------

const tokens = new Map();

export async function api(who, method, path, body, headers = {}) {
  let token = tokens.get(who);
  if (!token && who) {
    const r = await fetch(`${BASE}/v1/auth/token`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: who, password: who === 'admin' ? ADMIN_PASSWORD : PASSWORD }),
    });
    if (!r.ok) throw new Error(`login ${who}: ${r.status} ${await r.text()}`);
    token = (await r.json()).token;
    tokens.set(who, token);
  }
  const r = await fetch(`${BASE}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text, headers: r.headers };
}

export async function apiOk(who, method, path, body, headers) {
  const r = await api(who, method, path, body, headers);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

export function todayTokyo() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function daysFromToday(n) {
  const d = new Date(`${todayTokyo()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// Makes a supporter dispatchable today: registered, insured to next year.
export async function makeEligible(supporterId) {
  const s = await apiOk('coordinator', 'GET', `/v1/supporters/${supporterId}`);
  if (!s.insurance_until || s.insurance_until < daysFromToday(30)) {
    await apiOk('coordinator', 'PATCH', `/v1/supporters/${supporterId}`, { insurance_until: daysFromToday(365) }, { 'If-Match': `"v${s.version}"` });
  }
  return apiOk('coordinator', 'GET', `/v1/supporters/${supporterId}`);
}

let caseSeq = 0;
// A case ready for matching (assessed, consent to matching and support).
export async function makeCase(overrides = {}) {
  caseSeq += 1;
  const c = await apiOk('coordinator', 'POST', '/v1/cases', {
    nickname: `テスト${process.pid % 1000}-${caseSeq}`, municipality_code: '092011', age_band: '40s', gender: 'male',
    household: 'two', needs: ['home_visit', 'phone'], interests: ['読書'],
    consent: { obtained_on: daysFromToday(-30), scope: ['matching', 'support'] }, ...overrides,
  });
  await apiOk('coordinator', 'POST', `/v1/cases/${c.id}/assessment`, {
    held_on: daysFromToday(-10), participants: ['coordinator'], summary: 'ケース検討（ブラウザテスト）',
  });
  return c;
}

// The supporter account's own supporter id, from the sign-in answer.
export async function supporterIdOf(loginName) {
  const r = await fetch(`${BASE}/v1/auth/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: loginName, password: PASSWORD }),
  });
  return (await r.json()).supporter_id;
}

// An active assignment of the supporter to a new case, starting a week ago.
export async function assignmentFor(loginName) {
  const sid = await supporterIdOf(loginName);
  const mine = await apiOk(loginName, 'GET', '/v1/assignments?active=true');
  if ((mine.assignments || []).length) return { supporterId: sid, assignment: mine.assignments[0] };
  await makeEligible(sid);
  const c = await makeCase();
  const a = await apiOk('coordinator', 'POST', '/v1/assignments', { case_id: c.id, supporter_id: sid, starts_on: daysFromToday(-7) });
  return { supporterId: sid, assignment: a, case: c };
}

// The host account's own host record; the demo may not have created it yet.
export async function ensureHost(loginName = 'host1') {
  const r = await fetch(`${BASE}/v1/auth/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: loginName, password: PASSWORD }),
  });
  const hostId = (await r.json()).host_id;
  if ((await api('coordinator', 'GET', `/v1/hosts/${hostId}`)).status === 200) return hostId;
  let h;
  do {
    h = await apiOk('coordinator', 'POST', '/v1/hosts', {
      name: 'テスト職親（架空）', municipality_code: '092011', industry: '農業', capacity_per_day: 2,
    });
  } while (h.id < hostId);
  await apiOk('coordinator', 'POST', `/v1/hosts/${h.id}/survey`, { surveyed_on: daysFromToday(-1), result: 'approved' });
  return h.id;
}

// ---- a server of the test's own, to stop and start again ---------------------

export const BINARY = process.env.TS_BINARY || join(here, '../../build/src/tsunagari');

// `tsunagari serve` on a database of its own (init + demo, in a temporary
// directory), so that a test can stop the process and start it again on the
// same port and database while the suite's server stays up.  start() waits
// for "listening on"; stop() sends SIGTERM and waits for the exit; remove()
// stops it and deletes the directory.
export function ownServer() {
  const dir = mkdtempSync(join(tmpdir(), 'ts-own-server-'));
  const database = join(dir, 'db');
  const env = { ...process.env, TSUNAGARI_ADMIN_PASSWORD: ADMIN_PASSWORD };
  execFileSync(BINARY, ['init', '--database', database], { env, stdio: 'ignore' });
  execFileSync(BINARY, ['demo', '--database', database], { env, stdio: 'ignore' });
  let proc = null;
  let port = 0;
  const server = {
    base: null,
    database,
    async start() {
      proc = spawn(BINARY, ['serve', '--database', database, '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const started = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), 20000);
        const seen = (chunk) => {
          out += chunk;
          const m = out.match(/listening on (http:\/\/[0-9.]+:(\d+))\//);
          if (m) { clearTimeout(timer); resolve(m); }
        };
        proc.stdout.on('data', seen);
        proc.stderr.on('data', seen);
        proc.on('exit', () => { clearTimeout(timer); resolve(null); });
      });
      if (!started) throw new Error(`the server did not start: ${out}`);
      [, server.base] = started;
      port = Number(started[2]);
      return server.base;
    },
    async stop() {
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.on('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
      proc = null;
    },
    async remove() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
