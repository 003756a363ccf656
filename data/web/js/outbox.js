// The outbox: visit reports waiting to be sent, kept in IndexedDB so that they
// survive a closed tab, a dead battery or a train tunnel.  Each report gets
// its Idempotency-Key when it is written, before the first attempt, and keeps
// it for every retry: the server answers a repeated key with the first
// result, so a report that was sent but whose answer was lost is never
// created twice (issue 5).
import { api, ApiError, errorText, session } from './core.js';

const DB = 'tsunagari';
const STORE = 'outbox';
let dbPromise = null;
const listeners = new Set();
let flushing = null;

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
}

export async function list() {
  const all = await tx('readonly', (s) => s.getAll());
  return (all || []).filter((x) => x.owner === owner()).sort((a, b) => a.created_at.localeCompare(b.created_at));
}

export async function add(body) {
  const item = { key: newKey(), owner: owner(), body, created_at: new Date().toISOString(), state: 'waiting', error: null };
  await tx('readwrite', (s) => s.put(item));
  changed({ type: 'added', item });
  return item;
}

export async function remove(key) {
  await tx('readwrite', (s) => s.delete(key));
  changed({ type: 'removed', key });
}

async function put(item) {
  await tx('readwrite', (s) => s.put(item));
}

// Sends every waiting report of the signed-in person, oldest first.  Stops at
// the first network failure (the rest would fail the same way) and leaves a
// report that the server refused visible with the reason, to be corrected
// or deleted by the person.
export function flush() {
  if (flushing) return flushing;
  flushing = (async () => {
    const sent = [];
    if (!session.token || !navigator.onLine) return sent;
    for (const item of await list()) {
      if (item.state === 'failed') continue;
      try {
        const r = await api('POST', '/v1/activities', { body: item.body, headers: { 'Idempotency-Key': item.key } });
        await tx('readwrite', (s) => s.delete(item.key));
        sent.push(r);
        changed({ type: 'sent', key: item.key, activity: r });
      } catch (e) {
        if (e instanceof ApiError && e.status >= 400 && e.status < 500 && ![401, 408, 429].includes(e.status)) {
          item.state = 'failed';
          item.error = errorText(e);
          await put(item);
          changed({ type: 'failed', item });
          continue;
        }
        break;
      }
    }
    return sent;
  })().finally(() => { flushing = null; });
  return flushing;
}

export async function retry(key) {
  const item = (await list()).find((x) => x.key === key);
  if (!item) return;
  item.state = 'waiting';
  item.error = null;
  await put(item);
  changed({ type: 'retry', item });
  return flush();
}
