// The shared part of the web application: views (Preact + htm), messages,
// Japanese dates and yen, the session and the REST client, the router and the
// page frame.  Role pages live in supporter.js, coordinator.js, auditor.js
// and host.js and use only what this module exports.  See docs/web.md.
import { h, render } from '../vendor/preact.mjs';
import { useState, useEffect, useRef, useCallback } from '../vendor/preact-hooks.mjs';
import htm from '../vendor/htm.mjs';
import { setFormatLang } from './format.js';

export const html = htm.bind(h);
export { h, render, useState, useEffect, useRef, useCallback };

// ---- messages ------------------------------------------------------------
// All text comes from i18n/ja.json or i18n/en.json; Japanese is the default
// and the choice is kept in localStorage (it is not personal data).

export const LANGS = ['ja', 'en'];
let messages = {};
export let lang = 'ja';

function storedLang() {
  try {
    return localStorage.getItem('ts.lang') === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

// Supporters and hosts (and the sign-in page) load only the messages of the
// phone pages, i18n/XX.phone.json, which the server cuts from XX.json by the
// groups of i18n/phone.txt (a third of the bytes of a phone's first load);
// staff load all of XX.json.  A key missing from the part loads the whole
// file and redraws, so that a group left out of phone.txt costs a request,
// never a raw key for long (tests/browser/phone-pages.test.mjs checks
// that the phone pages never need it).
let part = '';
let widening = null;

function wantedPart() {
  const role = session.role || deviceFacts()?.role;
  return !role || role === 'supporter' || role === 'host' ? '.phone' : '';
}

export async function loadMessages(l = storedLang(), p = wantedPart()) {
  const r = await fetch(new URL(`../i18n/${l}${p}.json`, import.meta.url));
  messages = await r.json();
  part = p;
  lang = l;
  setFormatLang(l);
  document.documentElement.lang = l;
}

function widen() {
  if (!part || widening) return;
  // Offline the part stays (the keys show until the next load).
  widening = loadMessages(lang, '').then(() => refresh(), () => { part = ''; }).finally(() => { widening = null; });
}

export function t(key, params) {
  let s = messages[key];
  if (s === undefined) {
    widen();
    return key;
  }
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined ? String(params[k]) : m));
  return s;
}

// A label for a code from the API (a need, a status, a reason), falling back
// to the code itself so that a new code still shows.
export function label(group, code) {
  if (code === null || code === undefined) return '—';
  const key = `${group}.${code}`;
  if (messages[key] === undefined) widen();
  return messages[key] !== undefined ? messages[key] : code;
}

export async function setLang(l) {
  try {
    localStorage.setItem('ts.lang', l);
  } catch { /* private mode: the choice lasts this page only */ }
  await loadMessages(l, part);
  refresh();
  announce(t('lang.changed'));
}

// ---- dates and money: js/format.js (pure; also tested under node) ---------

export {
  todayISO, nowHHMM, thisMonth, addMonths, fiscalYearOf, fmtDate, fmtShortDate, fmtMonth, fmtFiscalYear,
  fmtDateTime, yen, num, wareki,
} from './format.js';

export function minutes(n) {
  return t('unit.minutes', { n });
}

// ---- session ---------------------------------------------------------------
// The token lives in memory and in sessionStorage (this tab only, gone when
// it closes), never in a URL or localStorage.

export const session = { token: null, role: null, expires_at: null, supporter_id: null, host_id: null, login: null };
// `via`: 'password' or 'device' (a PIN); `offline`: a remembered phone let in
// without a token while the PIN could not be checked (js/devices.js).
Object.assign(session, { via: null, offline: null, offerDevice: null });

try {
  Object.assign(session, JSON.parse(sessionStorage.getItem('ts.session') || '{}'));
} catch { /* nothing stored */ }

function saveSession() {
  try {
    if (session.token) sessionStorage.setItem('ts.session', JSON.stringify(session));
    else sessionStorage.removeItem('ts.session');
  } catch { /* memory only */ }
}

// Forgets the token and this tab's copies of personal data; a signed-out
// person (logout) also loses unsent drafts, an expired session keeps them.
function clearSession({ drafts = false } = {}) {
  for (const k of Object.keys(session)) session[k] = null;
  for (const k of Object.keys(navBadges)) delete navBadges[k];
  unreadNotices = 0;
  saveSession();
  try {
    for (const k of Object.keys(sessionStorage)) {
      if (k.startsWith('ts.cache.') || k.startsWith('ts.pref.') || (drafts && k.startsWith('ts.draft.'))) sessionStorage.removeItem(k);
    }
  } catch { /* nothing stored */ }
  waitingCount = { waiting: 0, refused: 0 };
  // The supporter's last-known home (js/supporter.js) is kept for the device
  // so that home opens in a dead zone; signing out forgets it.
  if (drafts) {
    try {
      for (const k of Object.keys(localStorage)) if (k.startsWith('ts.cache.')) localStorage.removeItem(k);
    } catch { /* nothing stored */ }
  }
}

// A choice that lasts for this tab's session (e.g. an administrator's
// organisation filter); forgotten at logout like the session itself.
export function sessionPref(name) {
  try {
    return sessionStorage.getItem(`ts.pref.${name}`) || '';
  } catch {
    return '';
  }
}

export function setSessionPref(name, value) {
  try {
    if (value === undefined || value === null || value === '') sessionStorage.removeItem(`ts.pref.${name}`);
    else sessionStorage.setItem(`ts.pref.${name}`, String(value));
  } catch { /* memory only: the choice lasts this page */ }
}

export function loggedIn() {
  if (session.offline && session.role) return true;
  return session.token !== null && (!session.expires_at || Date.parse(session.expires_at) > Date.now());
}

export async function login(loginName, password) {
  const r = await api('POST', '/v1/auth/token', { body: { login: loginName, password }, anonymous: true });
  Object.assign(session, {
    token: r.token, role: r.role, expires_at: r.expires_at,
    supporter_id: r.supporter_id ?? null, host_id: r.host_id ?? null, login: loginName,
  });
  session.via = 'password';
  session.offline = null;
  // A supporter's or host's phone is offered once to be remembered (a PIN
  // next time, js/devices.js); never while it already is.
  session.offerDevice = ['supporter', 'host'].includes(r.role) && !deviceFacts() && !deviceOffered(loginName) ? true : null;
  saveSession();
  // Staff need every message; the sign-in page had only the phone's.
  if (part && !wantedPart()) await loadMessages(lang, '');
}

// Signs out.  `forgetDevice`: also forget this phone (DELETE /v1/auth/device:
// the cookie, the device and the tokens it gave); without it a remembered
// phone stays remembered, so that the PIN works next time (docs/web.md).
export async function logout({ forgetDevice = false } = {}) {
  if (forgetDevice) await forgetThisDevice();
  if (session.token) {
    try {
      await api('DELETE', '/v1/auth/token');
    } catch { /* the token is forgotten here whatever the server says */ }
  }
  clearSession({ drafts: true });
  navigate('/app/login');
}

// ---- remembered devices (issue 15, docs/api.md "Remembered devices") --------
// The phone is remembered by an HttpOnly cookie that no script reads; the
// page keeps in localStorage only the facts it needs to offer the PIN pad:
// {id, label, login, role, supporter_id, host_id} — never a token or the PIN.

export function deviceFacts() {
  try {
    const x = JSON.parse(localStorage.getItem('ts.device') || 'null');
    return x && x.login && x.role ? x : null;
  } catch {
    return null;
  }
}

function setDeviceFacts(x) {
  try {
    if (x) localStorage.setItem('ts.device', JSON.stringify(x));
    else localStorage.removeItem('ts.device');
  } catch { /* private mode: the PIN pad is not offered */ }
}

export function forgetDeviceFacts() {
  setDeviceFacts(null);
}

export function deviceOffered(loginName) {
  try {
    return localStorage.getItem(`ts.device.offered.${loginName}`) === '1';
  } catch {
    return true;
  }
}

// The offer after a sign-in is shown once per account on this browser.
export function dismissDeviceOffer() {
  try {
    if (session.login) localStorage.setItem(`ts.device.offered.${session.login}`, '1');
  } catch { /* shown again next time */ }
  if (session.offerDevice) {
    session.offerDevice = null;
    saveSession();
    refresh();
  }
}

// The device calls carry the cookie (credentials: same-origin), which the
// other calls never do; a 401 here is an answer, not an expired session.
async function deviceCall(method, path, { body, token = null } = {}) {
  const hd = { 'Accept-Language': lang, Accept: 'application/json' };
  if (token) hd.Authorization = `Bearer ${token}`;
  if (body !== undefined) hd['Content-Type'] = 'application/json';
  const r = await fetch(path, {
    method, headers: hd, cache: 'no-store', credentials: 'same-origin',
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!r.ok) {
    let p = null;
    try { p = await r.json(); } catch { /* not a problem document */ }
    const e = new ApiError(r.status, p);
    e.retryAfter = Number(r.headers.get('Retry-After')) || 0;
    throw e;
  }
  return r.status === 204 ? null : r.json();
}

// Remembers this phone with a label and a PIN (a password session only).
export async function rememberDevice(deviceLabel, pin) {
  const d = await deviceCall('POST', '/v1/auth/devices', { body: { label: deviceLabel, pin }, token: session.token });
  setDeviceFacts({
    id: d.id, label: d.label, login: session.login, role: session.role,
    supporter_id: session.supporter_id, host_id: session.host_id,
  });
  dismissDeviceOffer();
  return d;
}

// A new tab on a remembered phone: the PIN gives a token as a sign-in does.
// A revoked or unknown device forgets the facts (the password form returns).
export async function pinLogin(pin) {
  const facts = deviceFacts();
  let r;
  try {
    r = await deviceCall('POST', '/v1/auth/device/token', { body: { pin } });
  } catch (e) {
    if (e instanceof ApiError && ['device_revoked', 'unauthorized'].includes(e.code)) forgetDeviceFacts();
    throw e;
  }
  Object.assign(session, {
    token: r.token, role: r.role, expires_at: r.expires_at,
    supporter_id: r.supporter_id ?? null, host_id: r.host_id ?? null, login: facts?.login ?? null,
    via: 'device', offline: null, offerDevice: null,
  });
  saveSession();
}

// Forgets this phone on the server (204 whether or not it was remembered)
// and here.  Offline, the local facts go anyway; the cookie then stays until
// it expires or staff revoke the device.
export async function forgetThisDevice() {
  try {
    await deviceCall('DELETE', '/v1/auth/device');
  } catch { /* forgotten here in any case */ }
  forgetDeviceFacts();
}

// A remembered supporter's phone whose PIN could not be checked for want of
// a connection: the report form without a token.  Reports wait in the outbox
// (it sends only with a token), and the PIN is asked again once online.
export function enterOffline() {
  const f = deviceFacts();
  if (!f || f.role !== 'supporter') return false;
  Object.assign(session, {
    token: null, role: f.role, expires_at: null, supporter_id: f.supporter_id ?? null, host_id: null,
    login: f.login, via: null, offline: true, offerDevice: null,
  });
  return true;
}

export function leaveOffline() {
  if (session.offline) clearSession();
}

// ---- the REST client -------------------------------------------------------

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code || null;
    this.errors = this.problem.errors || [];
  }
}

// A 401 on a signed-in call means the token expired or was revoked: go to the
// sign-in page and come back to the same page afterwards.  Forms keep their
// drafts in sessionStorage, so nothing typed is lost.
function sessionExpired() {
  const here = location.pathname + location.search;
  const offline = session.offline;
  clearSession();
  try {
    sessionStorage.setItem('ts.return', here);
  } catch { /* return to the home page instead */ }
  navigate('/app/login', { replace: true, notice: offline ? 'device.offlineBack' : 'login.expired' });
}

// `timeout` (ms) gives up on a request that hangs (a phone with one bar of
// signal): it fails like a lost connection, a TypeError.
export async function api(method, path, { body, headers = {}, accept, anonymous = false, timeout = 0 } = {}) {
  if (timeout) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeout);
    try {
      return await request(method, path, { body, headers, accept, anonymous, signal: ctl.signal });
    } catch (e) {
      throw e?.name === 'AbortError' ? new TypeError('timeout') : e;
    } finally {
      clearTimeout(timer);
    }
  }
  return request(method, path, { body, headers, accept, anonymous });
}

async function request(method, path, { body, headers, accept, anonymous, signal }) {
  const hd = { 'Accept-Language': lang, Accept: accept || 'application/json', ...headers };
  if (session.token && !anonymous) hd.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) hd['Content-Type'] = 'application/json';
  const r = await fetch(path, {
    method, headers: hd, cache: 'no-store', credentials: 'omit', signal,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (r.status === 401 && !anonymous) {
    sessionExpired();
    throw new ApiError(401, { code: 'unauthorized' });
  }
  if (!r.ok) {
    let p = null;
    try { p = await r.json(); } catch { /* not a problem document */ }
    throw new ApiError(r.status, p);
  }
  if (r.status === 204) return null;
  const type = r.headers.get('Content-Type') || '';
  return type.includes('json') ? r.json() : r.blob();
}

// Query string from an object, skipping empty values.
export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, v);
  const s = u.toString();
  return s ? `?${s}` : '';
}

// A message for an error, in the page's language: the server's localised
// problem title/detail when there is one.
export function errorText(e) {
  if (e instanceof ApiError) {
    if (e.status === 0 || e.code === 'network') return t('error.network');
    const p = e.problem;
    const parts = [p.detail || p.title || t('error.http', { status: e.status })];
    // The server's messages (in the page's language), never the raw field
    // names: forms.js puts each next to its field instead (issue 14).
    if (e.errors.length) parts.push(e.errors.map((x) => x.message).join(' / '));
    if (Array.isArray(p.reasons)) parts.push(p.reasons.map((x) => label('reason', x)).join('・'));
    return parts.join(' — ');
  }
  if (e instanceof TypeError) return t('error.network');
  return String(e?.message || e);
}

// Loads data for a page; re-runs when a dependency changes.
export function useLoad(fn, deps) {
  const [state, setState] = useState({ loading: true, data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    fn().then(
      (data) => live && setState({ loading: false, data, error: null }),
      (error) => live && setState({ loading: false, data: null, error }),
    );
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((x) => x + 1) };
}

// ---- status messages for screen readers ------------------------------------

let announceSet = null;
export function announce(text) {
  if (announceSet) {
    announceSet('');
    setTimeout(() => announceSet(text), 50);
  }
}

function LiveRegion() {
  const [text, setText] = useState('');
  announceSet = setText;
  return html`<div class="sr-only" role="status" aria-live="polite">${text}</div>`;
}

// ---- routing -----------------------------------------------------------------
// Paths below /app/; the server answers all of them with index.html.

let refreshApp = () => {};
let pendingNotice = null;

export function refresh() {
  refreshApp();
}

export function navigate(path, { replace = false, notice = null } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  pendingNotice = notice;
  refreshApp();
}

export function takeNotice() {
  const n = pendingNotice;
  pendingNotice = null;
  return n;
}

export function Link({ href, children, onClick: also, ...rest }) {
  const onClick = (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (also) also(e);
    navigate(href);
  };
  const current = location.pathname === href ? 'page' : undefined;
  return html`<a href=${href} aria-current=${current} ...${rest} onClick=${onClick}>${children}</a>`;
}

export function matchRoute(routes, path) {
  for (const r of routes) {
    const names = [];
    const re = new RegExp(`^${r.path.replace(/:(\w+)/g, (_, n) => { names.push(n); return '([^/]+)'; })}/?$`);
    const m = path.match(re);
    if (m) {
      const params = {};
      names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { route: r, params };
    }
  }
  return null;
}

export function query(name) {
  return new URLSearchParams(location.search).get(name);
}

export function setQuery(params) {
  const u = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') u.delete(k);
    else u.set(k, v);
  }
  const s = u.toString();
  history.replaceState(null, '', location.pathname + (s ? `?${s}` : ''));
}

// ---- small shared views ----------------------------------------------------

export function PageTitle({ children, sub }) {
  const ref = useRef(null);
  useEffect(() => {
    document.title = `${typeof children === 'string' ? children : t('app.name')} — ${t('app.name')}`;
  });
  return html`<div class="page-head"><h1 id="page-title" tabindex="-1" ref=${ref}>${children}</h1>${sub ? html`<p class="sub">${sub}</p>` : null}</div>`;
}

export function Loading() {
  return html`<p class="loading" role="status">${t('common.loading')}</p>`;
}

export function ErrorBox({ error, retry }) {
  if (!error) return null;
  return html`<div class="alert alert-error" role="alert">
    <p>${errorText(error)}</p>
    ${retry ? html`<button type="button" class="btn" onClick=${retry}>${t('common.retry')}</button>` : null}
  </div>`;
}

export function Empty({ children }) {
  return html`<p class="empty">${children || t('common.none')}</p>`;
}

// Qualification / status badges: colour plus text, never colour alone.
export function Badge({ kind, group, code }) {
  return html`<span class=${`badge badge-${kind || code}`}>${label(group, code)}</span>`;
}

export function Field({ id, label: text, hint, error, children }) {
  return html`<div class=${`field${error ? ' field-error' : ''}`}>
    <label for=${id}>${text}</label>
    ${children}
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
    ${error ? html`<p class="error-text" id=${`${id}-error`}>${error}</p>` : null}
  </div>`;
}

// Field errors from a 422 problem, by field name.
export function fieldErrors(e) {
  const out = {};
  if (e instanceof ApiError) for (const x of e.errors) out[x.field] = x.message;
  return out;
}

// Hands the browser a blob as a file to save.
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A download of any type without putting the token in a URL: fetch with the
// header (Accept: @accept, e.g. application/pdf or text/csv), then hand the
// browser the blob.
export async function download(path, accept, filename) {
  saveBlob(await api('GET', path, { accept }), filename);
}

// A button that downloads what the server gives for @path as @accept (the
// printable documents: application/pdf) under @filename, then announces
// the message @done; a refusal shows beside it.
export function DownloadButton({ path, accept = 'application/pdf', filename, text, testid = 'download', done = 'download.done' }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await download(path, accept, filename);
      announce(t(done, { file: filename }));
    } catch (e) {
      setError(e);
    } finally { setBusy(false); }
  };
  return html`<span class="csv-action">
    <button type="button" class="btn" data-testid=${testid} onClick=${run} disabled=${busy}>${text}</button>
    ${error ? html`<span class="error-text" role="alert">${errorText(error)}</span>` : null}</span>`;
}

// A table the page already has, as a CSV file Excel opens (UTF-8 with BOM,
// CRLF, a cell quoted when it holds a comma, a quote or a line break);
// dates go in as plain YYYY-MM-DD.
export function downloadCsv(filename, header, rows) {
  const cell = (v) => {
    const x = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x;
  };
  const text = `\ufeff${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);
}

// ---- the frame: skip link, header, navigation by role, main, language ----

const NAV = {
  supporter: [['/app/home', 'nav.home'], ['/app/report', 'nav.report'], ['/app/my-statements', 'nav.statements'],
    ['/app/devices', 'nav.devices']],
  coordinator: [['/app/supporters', 'nav.supporters'], ['/app/training', 'nav.training'], ['/app/cases', 'nav.cases'],
    ['/app/dispatch', 'nav.dispatch'], ['/app/matching', 'nav.matching'], ['/app/approvals', 'nav.approvals'],
    ['/app/statements', 'nav.statements'], ['/app/hosts', 'nav.hosts'], ['/app/placements', 'nav.placements']],
  auditor: [['/app/compliance', 'nav.compliance'], ['/app/payments', 'nav.payments'], ['/app/audit-log', 'nav.auditLog']],
  host: [['/app/host', 'nav.hostHome'], ['/app/devices', 'nav.devices']],
};
// Consultation records (issue 16), after the cases; an administrator's too.
NAV.coordinator.splice(NAV.coordinator.findIndex(([href]) => href === '/app/cases') + 1, 0, ['/app/contacts', 'nav.contacts']);
// The statistics of a 年度 (issue 16): auditors' and so the administrator's,
// and (added after the administrator's list is made) coordinators'.
NAV.auditor.push(['/app/statistics', 'nav.statistics']);
// Dispatch requests are between one organisation and another: a coordinator's
// page.  An administrator works installation-wide (the organisation selector
// on the lists) and has no incoming or outgoing side.
NAV.coordinator.push(['/app/events', 'nav.events']);
// Staff's own calendar feeds (a supporter's and a host's are on their devices page).
NAV.coordinator.push(['/app/calendar', 'nav.calendar']);
NAV.admin = [...NAV.coordinator.filter(([href]) => href !== '/app/dispatch'), ...NAV.auditor,
  ['/app/organisations', 'nav.organisations'], ['/app/users', 'nav.users'], ['/app/settings/rates', 'nav.rates'], ['/app/settings/budgets', 'nav.budgets']];
NAV.coordinator.push(['/app/statistics', 'nav.statistics']);

// A count shown next to a navigation entry (the open incoming dispatch
// requests); set by whoever knows it, forgotten at logout.
const navBadges = {};
export function setNavBadge(href, n) {
  if (navBadges[href] === n) return;
  navBadges[href] = n;
  refresh();
}

// The supporter's reports waiting in the outbox (js/outbox.js keeps it up to
// date): 「送信待ち 2件」 in the header of every page.
let waitingCount = { waiting: 0, refused: 0 };
export function setWaitingCount(c) {
  if (waitingCount.waiting === c.waiting && waitingCount.refused === c.refused) return;
  waitingCount = { waiting: c.waiting, refused: c.refused };
  refresh();
}

function WaitingPill() {
  const { waiting, refused } = waitingCount;
  if (!loggedIn() || session.role !== 'supporter' || (!waiting && !refused)) return null;
  return html`<${Link} class=${`waiting-pill${refused ? ' refused' : ''}`} href="/app/home" data-testid="waiting-count">${[
    waiting ? t('outbox.headerWaiting', { n: waiting }) : null, refused ? t('outbox.headerRefused', { n: refused }) : null,
  ].filter(Boolean).join('・')}</${Link}>`;
}

// The caller's unread notices (issue 17): a bell in the header of every
// signed-in page, staff's and the phone's alike; js/main.js and
// js/notices.js keep the count.
let unreadNotices = 0;
export function setUnreadNotices(n) {
  if (unreadNotices === n) return;
  unreadNotices = n;
  refresh();
}

function NoticeBell() {
  if (!loggedIn() || session.offline) return null;
  return html`<${Link} class=${`notice-bell${unreadNotices ? ' unread' : ''}`} href="/app/notices" data-testid="notice-bell"
      aria-label=${unreadNotices ? t('notices.bellUnread', { n: unreadNotices }) : t('notices.bell')}>
    <svg class="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><path fill="currentColor"
      d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" /></svg>${unreadNotices ? html`<span class="nav-count" aria-hidden="true">${unreadNotices}</span>` : null}</${Link}>`;
}

export function homeFor(role) {
  return (NAV[role] || [['/app/login']])[0][0];
}

export function navFor(role) {
  return NAV[role] || [];
}

function LangSwitch() {
  const other = lang === 'ja' ? 'en' : 'ja';
  return html`<button type="button" class="btn btn-quiet" lang=${other} onClick=${() => setLang(other)}>
    ${other === 'en' ? 'English' : '日本語'}</button>`;
}

// Signing out of a remembered phone asks whether to forget the phone too.
function SignOut({ onCancel }) {
  const [forget, setForget] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef(null);
  useEffect(() => { ref.current?.focus(); }, []);
  const go = async () => {
    setBusy(true);
    await logout({ forgetDevice: forget });
  };
  return html`<div class="card signout" role="group" aria-labelledby="signout-title" data-testid="signout">
    <p id="signout-title" tabindex="-1" ref=${ref}><strong>${t('device.signOutTitle')}</strong></p>
    <p class="check"><input type="checkbox" id="forget-device" checked=${forget}
      onChange=${(e) => setForget(e.currentTarget.checked)} aria-describedby="forget-device-hint" />
      <label for="forget-device">${t('device.forgetToo')}</label></p>
    <p class="hint" id="forget-device-hint">${t('device.forgetHint')}</p>
    <p class="actions"><button type="button" class="btn btn-primary" disabled=${busy} onClick=${go}>${t('nav.logout')}</button>
      <button type="button" class="btn" onClick=${onCancel}>${t('device.cancel')}</button></p>
  </div>`;
}

// A remembered phone let in offline (enterOffline): what works and what waits.
function OfflineNotice() {
  if (!session.offline) return null;
  return html`<div class="alert alert-warn offline-session" role="status" data-testid="offline-session">
    <p>${t(navigator.onLine ? 'device.offlineOnline' : 'device.offlineNow')}</p>
    <p><${Link} class="btn" href="/app/login">${t('device.enterPin')}</${Link}></p>
  </div>`;
}

// Offered once on the home page after a password sign-in (js/devices.js).
function DeviceOffer() {
  if (!session.offerDevice || session.offline || location.pathname !== homeFor(session.role)) return null;
  return html`<div class="card device-offer" data-testid="device-offer">
    <p><strong>${t('device.offerTitle')}</strong></p>
    <p>${t('device.offerText')}</p>
    <p class="actions"><${Link} class="btn btn-primary" href="/app/devices"
        onClick=${dismissDeviceOffer}>${t('device.remember')}</${Link}>
      <button type="button" class="btn" onClick=${dismissDeviceOffer}>${t('device.notNow')}</button></p>
  </div>`;
}

export function Frame({ children }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const onLogout = () => {
    if (deviceFacts() && session.login === deviceFacts().login) setSigningOut(true);
    else logout();
  };
  const items = loggedIn() ? navFor(session.role) : [];
  // On a phone the menu is folded: its button shows that a count waits.
  const counted = items.find(([href]) => navBadges[href]);
  return html`
    <a class="skip" href="#main">${t('app.skip')}</a>
    <header class="top" role="banner">
      <div class="brand"><span class="logo" aria-hidden="true">◎</span> ${t('app.name')}</div>
      <${WaitingPill} />
      <div class="top-actions">
        <${NoticeBell} />
        <${LangSwitch} />
        ${loggedIn() ? html`
          <span class="who">${label('role', session.role)}</span>
          <button type="button" class="btn btn-quiet" aria-expanded=${deviceFacts() ? signingOut : undefined}
            onClick=${onLogout}>${t('nav.logout')}</button>` : null}
        ${items.length > 4 ? html`<button type="button" class="btn btn-quiet menu-toggle" aria-expanded=${open}
            aria-controls="nav" onClick=${() => setOpen(!open)}>${t('nav.menu')}${counted
              ? html` <span class="nav-count" aria-hidden="true">${navBadges[counted[0]]}</span>` : null}</button>` : null}
      </div>
    </header>
    ${items.length ? html`<nav id="nav" class=${`nav${open ? ' open' : ''}${items.length > 4 ? ' collapsible' : ''}`}
        aria-label=${t('nav.label')}>
      <ul>${items.map(([href, key]) => html`<li><${Link} href=${href} onClick=${() => setOpen(false)}>${t(key)}${navBadges[href]
        ? html` <span class="nav-count" aria-hidden="true">${navBadges[href]}</span><span class="sr-only">${t('nav.countOpen', { n: navBadges[href] })}</span>`
        : null}</${Link}></li>`)}</ul>
    </nav>` : null}
    <main id="main" tabindex="-1">${signingOut && loggedIn() ? html`<${SignOut} onCancel=${() => setSigningOut(false)} />` : null}
      <${OfflineNotice} /><${DeviceOffer} />${children}</main>
    <footer class="foot"><p>${t('app.footer')}</p></footer>
    <${LiveRegion} />`;
}

// Mounts the application; `resolve(path)` returns the page for a path.
export function start(resolve) {
  function App() {
    const [, setTick] = useState(0);
    const last = useRef(null);
    refreshApp = () => setTick((x) => x + 1);
    useEffect(() => {
      const onPop = () => setTick((x) => x + 1);
      addEventListener('popstate', onPop);
      return () => removeEventListener('popstate', onPop);
    }, []);
    const path = location.pathname;
    useEffect(() => {
      // A new page: move focus to its heading so that keyboard and
      // screen-reader users start at the top of the new content.
      if (last.current !== null && last.current !== path) {
        const el = document.getElementById('page-title');
        if (el) el.focus();
        scrollTo(0, 0);
      }
      last.current = path;
    });
    return resolve(path);
  }
  const root = document.getElementById('app');
  root.textContent = '';
  render(html`<${App} />`, root);
}
