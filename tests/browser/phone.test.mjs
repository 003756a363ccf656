// The supporter's phone (issue 15), at 360 px: the "sent" moment, a second
// tap that creates nothing, an untouched form that cannot be sent; a report
// sent by itself when an unreachable server comes back (no reload, no
// navigation) with the header's count going 1 → 0; a refused report shown in
// Japanese, corrected and resent as one report with a new key; home kept for
// a dead zone with 最終更新; statement lines with their date and what they
// pay for.  Delivery is checked by reading the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withBrowser, login, go, apiOk, assignmentFor, messages, todayTokyo, shot,
} from './lib.mjs';

const ja = messages.ja;
const PHONE = { viewport: { width: 360, height: 740 } };

async function reportsWith(who, note) {
  const r = await apiOk(who, 'GET', '/v1/activities?limit=200');
  return (r.activities || []).filter((a) => a.note === note);
}

async function countReports(who) {
  const r = await apiOk(who, 'GET', '/v1/activities?limit=200');
  assert.ok((r.activities || []).length < 200, 'the count fits one page');
  return r.activities.length;
}

// The Idempotency-Key of every report the page sends.
function watchKeys(page) {
  const keys = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/activities') keys.push(r.headers()['idempotency-key']);
  });
  return keys;
}

const isActivities = (u) => new URL(u).pathname === '/v1/activities';

async function until(fn, ms) {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

test('the sent card is in view with focus; a second tap and an untouched form create nothing', async (t) => {
  await assignmentFor('supporter1');
  const note = `card-${Date.now()}`;
  await withBrowser(t, PHONE, async ({ page, problems }) => {
    await login(page, 'supporter1');
    await go(page, '/app/report');
    const form = page.locator('[data-testid=report-form]');
    await form.waitFor();
    const before = await countReports('supporter1');

    // Untouched: kind and minutes are the supporter's to choose.
    assert.equal(await page.locator('input[name=kind]:checked').count(), 0);
    assert.equal(await page.locator('#minutes').inputValue(), '');
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    await page.locator('#kind-error').getByText(ja['report.err.kind']).waitFor();
    await page.locator('#minutes-error').getByText(ja['report.err.minutes']).waitFor();
    await shot(page, 'phone-report-unfilled');
    // Focus is on the first bad field: the kind's first choice.
    assert.equal(await page.evaluate(() => document.activeElement.name), 'kind');
    assert.equal(await page.locator('#minutes').getAttribute('aria-invalid'), 'true');
    // The form's own messages follow a language switch.
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('#kind-error').getByText(messages.en['report.err.kind']).waitFor();
    await page.locator('[data-testid=report-status]').getByText(messages.en['report.fix']).waitFor();
    await page.getByRole('button', { name: '日本語' }).click();
    await page.locator('#kind-error').getByText(ja['report.err.kind']).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await countReports('supporter1'), before, 'an untouched form sends nothing');

    await page.locator('input[name=kind][value=phone]').check();
    await page.locator('#minutes').fill('35');
    await page.locator('#note').fill(note);
    // Two taps in a row, before the page can redraw.
    await page.evaluate(() => {
      const b = document.querySelector('[data-testid=report-form] button[type=submit]');
      b.click();
      b.click();
    });
    const card = page.locator('[data-testid=sent-card]');
    await card.getByText(ja['report.sent']).waitFor();
    assert.equal(await form.count(), 0, 'the form gave way to the card');
    // In view and focused.
    const box = await card.boundingBox();
    assert.ok(box.y >= 0 && box.y + 60 <= 740, `the card is in view (y=${box.y})`);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'sent-card');
    await card.getByRole('button', { name: ja['report.another'] }).waitFor();
    await card.getByRole('link', { name: ja['nav.home'] }).waitFor();
    await page.waitForTimeout(500);
    assert.equal((await reportsWith('supporter1', note)).length, 1, 'exactly one report');
    assert.equal(await countReports('supporter1'), before + 1);

    // もう1件: a fresh form, again not sendable as it is.
    await card.getByRole('button', { name: ja['report.another'] }).click();
    await form.waitFor();
    assert.equal(await page.locator('input[name=kind]:checked').count(), 0);
    assert.equal(await page.locator('#minutes').inputValue(), '');
    assert.equal(await page.locator('#note').inputValue(), '');
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    await page.locator('#kind-error').waitFor();
    await page.waitForTimeout(500);
    assert.equal(await countReports('supporter1'), before + 1);
    // Home: the newest report first.
    await page.getByRole('link', { name: ja['nav.home'] }).first().click();
    await page.waitForURL('**/app/home');
    const newest = page.locator('[data-testid=reports] li .item-title').first();
    await newest.waitFor();
    assert.ok((await newest.textContent()).includes(`${ja['kind.phone']} · ${ja['unit.minutes'].replace('{n}', 35)}`), await newest.textContent());
    assert.deepEqual(problems, []);
  });
});

test('server unreachable while online: the report goes by itself, the header count 1 → 0', async (t) => {
  await assignmentFor('supporter2');
  const note = `retry-${Date.now()}`;
  await withBrowser(t, PHONE, async ({ page, context }) => {
    await login(page, 'supporter2');
    // The service worker controls the page: Background Sync asks it to send.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.evaluate(() => {
      window.syncAsks = 0;
      navigator.serviceWorker.addEventListener('message', (e) => { if (e.data && e.data.type === 'outbox-flush') window.syncAsks += 1; });
    });
    await go(page, '/app/report');
    await page.locator('[data-testid=report-form]').waitFor();
    // "Online", but no report reaches the server.
    let aborted = 0;
    await context.route(isActivities, (route) => {
      if (route.request().method() === 'POST') { aborted += 1; return route.abort('connectionrefused'); }
      return route.continue();
    });
    await page.locator('input[name=kind][value=home_visit]').check();
    await page.locator('#minutes').fill('50');
    await page.locator('#note').fill(note);
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    const card = page.locator('[data-testid=sent-card]');
    await card.getByText(ja['report.queued']).waitFor();
    const count = page.locator('[data-testid=waiting-count]');
    await count.getByText(ja['outbox.headerWaiting'].replace('{n}', '1')).waitFor();
    assert.ok(aborted >= 1);
    if (await page.evaluate(() => 'SyncManager' in window)) await page.waitForFunction(() => window.syncAsks > 0);
    await shot(page, 'phone-report-queued');
    assert.equal((await reportsWith('supporter2', note)).length, 0);

    // A page shown again and an "online" event try at once (the backoff's
    // next try is 5 s ± 25 % away).
    let before = aborted;
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    assert.ok(await until(() => aborted > before, 1500), 'visibilitychange sends');
    before = aborted;
    await page.evaluate(() => dispatchEvent(new Event('online')));
    assert.ok(await until(() => aborted > before, 1500), 'online sends');

    // The server is back: nothing is touched, the page is not reloaded.
    await page.waitForTimeout(1000);
    await context.unroute(isActivities);
    const url = page.url();
    const t0 = Date.now();
    await count.waitFor({ state: 'detached', timeout: 30000 });
    await card.getByText(ja['report.sent']).waitFor();
    assert.ok(Date.now() - t0 < 30000);
    assert.equal(page.url(), url, 'no navigation');
    assert.equal((await reportsWith('supporter2', note)).length, 1, 'exactly one report');
    // A later "online" or a visible page sends nothing more.
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.waitForTimeout(1000);
    assert.equal((await reportsWith('supporter2', note)).length, 1);
  });
});

test('a request that hangs gives up after 15 s and the report goes on a later try', async (t) => {
  await assignmentFor('supporter2');
  const note = `hang-${Date.now()}`;
  await withBrowser(t, PHONE, async ({ page, context }) => {
    await login(page, 'supporter2');
    await go(page, '/app/report');
    await page.locator('[data-testid=report-form]').waitFor();
    // The first report request gets no answer at all.
    const held = [];
    await context.route(isActivities, (route) => {
      if (route.request().method() === 'POST' && !held.length) { held.push(route); return undefined; }
      return route.continue();
    });
    await page.locator('input[name=kind][value=online]').check();
    await page.locator('#minutes').fill('25');
    await page.locator('#note').fill(note);
    const t0 = Date.now();
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    await page.locator('[data-testid=report-form] button[type=submit][disabled]').waitFor();
    const card = page.locator('[data-testid=sent-card]');
    await card.getByText(ja['report.queued']).waitFor({ timeout: 25000 });
    const waited = Date.now() - t0;
    assert.ok(waited >= 14000 && waited < 25000, `gave up after ${waited} ms`);
    await card.getByText(ja['report.sent']).waitFor({ timeout: 30000 });
    assert.equal((await reportsWith('supporter2', note)).length, 1, 'exactly one report');
    await context.unroute(isActivities);
    for (const r of held) await r.abort().catch(() => {});
  });
});

test('a refused report: a Japanese reason, 修正して再送 prefilled, one report with a new key', async (t) => {
  await assignmentFor('supporter3');
  const note = `refused-${Date.now()}`;
  await withBrowser(t, PHONE, async ({ page, problems }) => {
    const keys = watchKeys(page);
    await login(page, 'supporter3');
    await go(page, '/app/report');
    await page.locator('[data-testid=report-form]').waitFor();
    // Before the assignment started: valid to the form, refused by the API.
    await page.locator('#date').fill('2001-01-01');
    await page.locator('input[name=kind][value=accompany]').check();
    await page.locator('#minutes').fill('40');
    await page.locator('#note').fill(note);
    await page.getByRole('button', { name: ja['report.submit'] }).click();

    // The reason next to its field, in Japanese; no raw field name anywhere.
    const dateError = page.locator('#date-error');
    await dateError.waitFor();
    const reason = (await dateError.textContent()).trim();
    assert.match(reason, /[\u3040-\u30ff\u4e00-\u9fff]/);
    assert.equal(await page.locator('#date').getAttribute('aria-invalid'), 'true');
    const status = await page.locator('[data-testid=report-status]').textContent();
    assert.ok(status.includes(`${ja['report.date']}：${reason}`), status);
    assert.doesNotMatch(status, /\bdate\b/);
    // The list and the header no longer say it will be sent.
    const item = page.locator('[data-testid=waiting] li[data-state=failed]');
    await item.waitFor();
    assert.doesNotMatch(await item.textContent(), /\bdate\b/);
    const waitingText = await page.locator('[data-testid=waiting]').textContent();
    assert.ok(!waitingText.includes(ja['outbox.online']) && !waitingText.includes(ja['outbox.waiting']), waitingText);
    await page.locator('[data-testid=waiting-count]').getByText(ja['outbox.headerRefused'].replace('{n}', '1')).waitFor();
    assert.ok(!(await page.locator('[data-testid=waiting-count]').textContent()).includes('送信待ち'));
    await shot(page, 'phone-report-refused');

    // From home: 修正して再送 opens the form with the report in it.
    await go(page, '/app/home');
    await page.locator('[data-testid=waiting] li[data-state=failed]').waitFor();
    await page.getByRole('button', { name: ja['outbox.fix'] }).click();
    await page.waitForURL('**/app/report?fix=*');
    await page.locator('[data-testid=report-form]').waitFor();
    assert.equal(await page.locator('#date').inputValue(), '2001-01-01');
    assert.equal(await page.locator('#minutes').inputValue(), '40');
    assert.equal(await page.locator('#note').inputValue(), note);
    assert.equal(await page.locator('input[name=kind]:checked').getAttribute('value'), 'accompany');
    await page.locator('#date-error').getByText(reason).waitFor();

    // Unchanged: the same report, the same key (refused again).
    const n = keys.length;
    await page.getByRole('button', { name: ja['report.resubmit'] }).click();
    for (let i = 0; i < 50 && keys.length === n; i++) await page.waitForTimeout(100);
    await page.locator('[data-testid=report-form] button[type=submit]:not([disabled])').waitFor();
    await page.locator('#date-error').waitFor();
    assert.equal(keys.length, n + 1);
    assert.equal(keys[n], keys[0], 'unchanged content keeps its key');

    // Corrected: one report, with a new key.
    await page.locator('#date').fill(todayTokyo());
    await page.getByRole('button', { name: ja['report.resubmit'] }).click();
    await page.locator('[data-testid=sent-card]').getByText(ja['report.sent']).waitFor();
    assert.notEqual(keys[keys.length - 1], keys[0], 'changed content has a new key');
    const found = await reportsWith('supporter3', note);
    assert.equal(found.length, 1, 'exactly one report');
    assert.equal(found[0].date, todayTokyo());
    assert.equal(found[0].kind, 'accompany');
    assert.equal(found[0].minutes, 40);
    await page.locator('[data-testid=waiting]').waitFor({ state: 'detached' });
    await page.locator('[data-testid=waiting-count]').waitFor({ state: 'detached' });
    assert.deepEqual(problems.filter((p) => !/422|Unprocessable/.test(p)), []);
  });
});

test('home in a dead zone shows the last-known assignments and reports with 最終更新', async (t) => {
  await assignmentFor('supporter1');
  await withBrowser(t, PHONE, async ({ page, context }) => {
    await login(page, 'supporter1');
    await page.locator('[data-testid=reports] li').first().waitFor();
    const assignment = (await page.locator('main section[aria-labelledby=a-title] .item-title').first().textContent()).trim();
    const report = (await page.locator('[data-testid=reports] li .item-title').first().textContent()).trim();

    // The API cannot be reached at all; the page is opened again.
    const isApi = (u) => new URL(u).pathname.startsWith('/v1/');
    await context.route(isApi, (route) => route.abort('internetdisconnected'));
    await page.reload();
    const stale = page.locator('[data-testid=stale]');
    await stale.waitFor();
    assert.match(await stale.textContent(), /最終更新: /);
    await page.locator('main section[aria-labelledby=a-title] .item-title').getByText(assignment).waitFor();
    await page.locator('[data-testid=reports] li .item-title').getByText(report).first().waitFor();
    assert.equal(await page.locator('main .alert-error').count(), 0, 'no red connection error');
    await page.getByRole('heading', { name: ja['home.qualification'] }).waitFor();
    await shot(page, 'phone-home-offline');

    // Signing out forgets the kept copy.
    await context.unroute(isApi);
    assert.ok(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('ts.cache.'))));
    await page.getByRole('button', { name: ja['nav.logout'] }).click();
    await page.waitForURL('**/app/login');
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ts.cache.')).length), 0);
  });
});

test('statement lines show their date and what they pay for', async (t) => {
  // The latest month with a statement for supporter1 (the demo issues some).
  let month = null;
  let stmt = null;
  const d = new Date(`${todayTokyo()}T00:00:00Z`);
  for (let i = 0; i < 12 && !stmt; i++) {
    d.setUTCMonth(d.getUTCMonth() - 1, 1);
    month = d.toISOString().slice(0, 7);
    const r = await apiOk('supporter1', 'GET', `/v1/payments/statements?month=${month}`);
    stmt = (r.statements || []).find((s) => (s.lines || []).some((l) => l.activity_kind));
  }
  assert.ok(stmt, 'a statement with report lines');
  const line = stmt.lines.find((l) => l.activity_kind);
  await withBrowser(t, PHONE, async ({ page }) => {
    await login(page, 'supporter1');
    await go(page, '/app/my-statements');
    await page.locator('#month').fill(month);
    await page.locator('#month').dispatchEvent('change');
    const row = page.locator('main tbody tr').first();
    await row.waitFor();
    const cells = await page.locator('main tbody tr').first().locator('td').allTextContents();
    const [, m, dd] = line.earned_on.split('-').map(Number);
    assert.ok(cells[0].startsWith(`${m}/${dd}(`), `the date of the line: ${cells[0]}`);
    assert.ok(cells[2].includes(ja[`kind.${line.activity_kind}`]), `what it pays for: ${cells[2]}`);
    assert.ok(cells[2].includes(ja['unit.minutes'].replace('{n}', line.minutes)), cells[2]);
    for (const c of await page.locator('main tbody tr td:first-child').allTextContents()) assert.notEqual(c.trim(), '—');
  });
});
