// The outbox: visit reports waiting to be sent, in IndexedDB, each with its
// Idempotency-Key from the start so that a retry never creates it twice
// (issue 5).  Retried without a reload: backoff timer, `online`, a visible
// page, Background Sync through the service worker (docs/web.md, issue 15).
import { api, ApiError, session, setWaitingCount } from './core.js';

const DB = 'tsunagari';
const STORE = 'outbox';
const SYNC_TAG = 'tsunagari-outbox';
export const TIMEOUT = 15000;
const FIRST_DELAY = 5000;
const MAX_DELAY = 300000;
let dbPromise = null;
const listeners = new Set();
let flushing = null;
let failures = 0;
let timer = null;

function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'key' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  }
  return dbPromise;
}

async function tx(mode, fn) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const store = t.objectStore(STORE);
    let result;
    const req = fn(store);
    if (req) req.onsuccess = () => { result = req.result; };
    t.oncomplete = () => resolve(result);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

// crypto.randomUUID needs a secure context (https or this machine); a plain
// http deployment on a LAN falls back to the same version-4 layout.
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function owner() {
  return session.login || '';
}

export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed(event) {
  for (const fn of listeners) fn(event);
  updateCount();
}

// The header's 「送信待ち n件」 (and the refused ones that need the person).
export async function updateCount() {
  try {
    const all = session.token ? await list() : [];
    setWaitingCount({ waiting: all.filter((x) => x.state !== 'failed').length, refused: all.filter((x) => x.state === 'failed').length });
  } catch { /* no IndexedDB: no count */ }
}

export async function list() {
  const all = await tx('readonly', (s) => s.getAll());
  return (all || []).filter((x) => x.owner === owner()).sort((a, b) => a.created_at.localeCompare(b.created_at));
}

export async function get(key) {
  return (await list()).find((x) => x.key === key) || null;
}

export async function add(body) {
  const item = { key: newKey(), owner: owner(), body, created_at: new Date().toISOString(), state: 'waiting', error: null, problem: null };
  await tx('readwrite', (s) => s.put(item));
  changed({ type: 'added', item });
  requestSync();
  return item;
}

export async function remove(key) {
  await tx('readwrite', (s) => s.delete(key));
  changed({ type: 'removed', key });
}

async function put(item) {
  await tx('readwrite', (s) => s.put(item));
}

const same = (a, b) => JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());

// A refused report sent again: the same key if the body is unchanged, a new
// one if it changed (the server refuses a known key with another body).
export async function resend(key, body) {
  const old = await get(key);
  if (!old) return add(body);
  const item = same(old.body, body) ? { ...old, state: 'waiting', error: null, problem: null }
    : { ...old, key: newKey(), body, state: 'waiting', error: null, problem: null, previous_key: old.key };
  await tx('readwrite', (s) => {
    if (item.key !== old.key) s.delete(old.key);
    return s.put(item);
  });
  changed({ type: 'retry', item });
  requestSync();
  return item;
}

// A refusal's translated messages by field, kept with the report.
function problemOf(e) {
  const p = e.problem || {};
  return {
    status: e.status, code: e.code, detail: p.detail || p.title || null,
    errors: (e.errors || []).map((x) => ({ field: x.field, message: x.message })),
  };
}

function retryable(e) {
  return !(e instanceof ApiError) || e.status >= 500 || [408, 429].includes(e.status);
}

// Sends the waiting reports, oldest first; stops at the first network failure
// and tries again later; a refused one stays, marked.  → { sent, done }.
export function flush() {
  if (flushing) return flushing;
  flushing = (async () => {
    const sent = [];
    let done = true;
    if (!session.token) return { sent, done: false };
    if (!navigator.onLine) {
      updateCount();
      return { sent, done: false };
    }
    for (const item of await list()) {
      if (item.state === 'failed') continue;
      try {
        const r = await api('POST', '/v1/activities', { body: item.body, headers: { 'Idempotency-Key': item.key }, timeout: TIMEOUT });
        await tx('readwrite', (s) => s.delete(item.key));
        sent.push(r);
        changed({ type: 'sent', key: item.key, activity: r });
      } catch (e) {
        if (!retryable(e)) {
          if (e.status === 401) { done = false; break; }
          item.state = 'failed';
          item.problem = problemOf(e);
          item.error = item.problem.detail;
          await put(item);
          changed({ type: 'failed', item });
          continue;
        }
        done = false;
        break;
      }
    }
    if (done) {
      failures = 0;
      clearTimeout(timer);
      timer = null;
    } else if (session.token) schedule();
    updateCount();
    return { sent, done };
  })().finally(() => { flushing = null; });
  return flushing;
}

// After a failure: 5 s, 10 s, 20 s … at most 5 min, each ±25 %.
function schedule() {
  if (timer) return;
  const base = Math.min(FIRST_DELAY * 2 ** failures, MAX_DELAY);
  failures += 1;
  const delay = Math.round(base * (0.75 + Math.random() * 0.5));
  timer = setTimeout(() => { timer = null; flush(); }, delay);
}

// Sends now, forgetting the backoff (the connection just came back).
export function flushNow() {
  failures = 0;
  clearTimeout(timer);
  timer = null;
  return flush();
}

function requestSync() {
  try {
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return;
    navigator.serviceWorker.ready.then((r) => r.sync && r.sync.register(SYNC_TAG)).catch(() => {});
  } catch { /* no Background Sync: the timer does it */ }
}

let started = false;
export function start() {
  if (started || typeof addEventListener !== 'function') return;
  started = true;
  addEventListener('online', () => flushNow());
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') flushNow(); });
  if ('serviceWorker' in navigator) {
    // Background Sync: the worker asks, this page sends and answers.
    navigator.serviceWorker.addEventListener('message', (e) => {
      if (!e.data || e.data.type !== 'outbox-flush') return;
      const reply = (ok) => { if (e.ports && e.ports[0]) e.ports[0].postMessage({ ok }); };
      if (!session.token) { reply(false); return; }
      flushNow().then((r) => reply(r.done), () => reply(false));
    });
  }
  updateCount();
}

start();
