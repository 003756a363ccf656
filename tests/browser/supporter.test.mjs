// The supporter on a phone: sign-in, a visit reported while offline and sent
// exactly once when the connection returns, the page usable offline, a 401
// that keeps a half-written report, and a keyboard-only pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, withBrowser, login, go, navigate, api, apiOk, assignmentFor, shot, messages,
} from './lib.mjs';

const ja = messages.ja;

test('supporter signs in and sees qualification and assignments', async (t) => {
  await assignmentFor('supporter1');
  await withBrowser(t, {}, async ({ page, problems }) => {
    await login(page, 'supporter1');
    assert.equal(new URL(page.url()).pathname, '/app/home');
    await page.getByRole('heading', { name: ja['home.qualification'] }).waitFor();
    await page.getByRole('heading', { name: ja['home.assignments'] }).waitFor();
    assert.ok(await page.locator('.badge').first().isVisible());
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    await page.locator('main .list-item').first().waitFor();
    assert.deepEqual(problems, []);
  });
});

test('a visit reported offline is sent exactly once when back online', async (t) => {
  await assignmentFor('supporter2');
  const note = `offline-${Date.now()}`;
  await withBrowser(t, {}, async ({ page, context, problems }) => {
    await login(page, 'supporter2');
    // The service worker must control the page before the connection goes.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => true), null, { timeout: 15000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await go(page, '/app/report');
    await page.locator('[data-testid=report-form]').waitFor();

    await context.setOffline(true);
    await page.locator('input[name=kind][value=home_visit]').check();
    await page.locator('#minutes').fill('45');
    await page.locator('#transport_yen').fill('320');
    await page.locator('#note').fill(note);
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    await page.locator('main').getByText(ja['report.queued']).waitFor();
    const waiting = page.locator('[data-testid=waiting] li');
    assert.equal(await waiting.count(), 1);
    await shot(page, 'supporter-offline-waiting');

    // Still usable offline: a reload comes from the service worker's cache
    // and the waiting report is still listed (IndexedDB).
    await page.reload();
    await page.locator('[data-testid=waiting] li').first().waitFor();
    assert.equal(await page.locator('[data-testid=waiting] li').count(), 1);

    // Back online: sent automatically, the list empties.
    await context.setOffline(false);
    await page.locator('[data-testid=waiting]').waitFor({ state: 'detached', timeout: 20000 });
    const mine = await apiOk('supporter2', 'GET', '/v1/activities?limit=200');
    const found = (mine.activities || []).filter((a) => a.note === note);
    assert.equal(found.length, 1, 'exactly one report with this note');
    assert.equal(found[0].minutes, 45);
    assert.equal(found[0].transport_yen, 320);
    // A second flush (e.g. another "online" event) creates nothing.
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.waitForTimeout(1000);
    const again = await apiOk('supporter2', 'GET', '/v1/activities?limit=200');
    assert.equal((again.activities || []).filter((a) => a.note === note).length, 1);
    await go(page, '/app/home');
    await page.locator('[data-testid=reports] li').first().waitFor();
    assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(p)), []);
  });
});

test('a 401 sends the supporter to sign in and keeps the half-written report', async (t) => {
  await assignmentFor('supporter3');
  await withBrowser(t, {}, async ({ page }) => {
    await login(page, 'supporter3');
    await go(page, '/app/report');
    await page.locator('[data-testid=report-form]').waitFor();
    await page.locator('#note').fill('書きかけのメモ');
    await page.locator('#minutes').fill('90');
    // The token is revoked elsewhere (logout on another device, expiry).
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ts.session')).token);
    const r = await fetch(`${BASE}/v1/auth/token`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    assert.equal(r.status, 204);
    assert.ok(!page.url().includes(token));
    // Home's first request meets the 401 and may leave /app/home before
    // anyone sees it there.
    await navigate(page, '/app/home');
    await page.waitForURL('**/app/login');
    await page.locator('main').getByText(ja['login.expired']).waitFor();
    await page.locator('#login').fill('supporter3');
    await page.locator('#password').fill('demo-password-1234');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL('**/app/home');
    await go(page, '/app/report');
    await page.locator('main').getByText(ja['report.draftRestored']).waitFor();
    assert.equal(await page.locator('#note').inputValue(), '書きかけのメモ');
    assert.equal(await page.locator('#minutes').inputValue(), '90');
  });
});

test('logout revokes the token', async (t) => {
  await withBrowser(t, {}, async ({ page }) => {
    await login(page, 'supporter1');
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ts.session')).token);
    await page.getByRole('button', { name: ja['nav.logout'] }).click();
    await page.waitForURL('**/app/login');
    const r = await fetch(`${BASE}/v1/supporters/1`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(r.status, 401);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('ts.session')), null);
  });
});

test('keyboard only: the report form in focus order, sent with Enter', async (t) => {
  const { assignment } = await assignmentFor('supporter1');
  const note = `keyboard-${Date.now()}`;
  await withBrowser(t, {}, async ({ page }) => {
    await login(page, 'supporter1');
    await page.goto(`${BASE}/app/report`);
    await page.locator('[data-testid=report-form]').waitFor();
    // From the top of the page: the skip link first, then into the form.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    await page.keyboard.press('Enter');
    const order = [];
    for (let i = 0; i < 30 && order[order.length - 1] !== 'submit'; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const e = document.activeElement;
        if (e.type === 'submit') return 'submit';
        return e.id || (e.name ? `${e.name}:${e.value}` : e.tagName);
      });
      // Date and time inputs take a Tab per segment: count a field once.
      if (order[order.length - 1] === id) continue;
      order.push(id);
      if (id === 'minutes' || id === 'transport_yen') {
        await page.keyboard.press('Control+A');
        await page.keyboard.type(id === 'minutes' ? '30' : '0');
      }
      if (id === 'note') await page.keyboard.type(note);
      if (id.startsWith('kind:')) await page.keyboard.press('ArrowRight'); // the next kind: accompany
    }
    const fields = order.filter((x) => ['assignment_id', 'date', 'start', 'minutes', 'transport_yen', 'note', 'submit'].includes(x) || x.startsWith('kind:'));
    assert.deepEqual(fields.map((x) => x.split(':')[0]), ['assignment_id', 'date', 'start', 'kind', 'minutes', 'transport_yen', 'note', 'submit']);
    // Every focused control is visibly outlined (focus-visible style).
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
    const kind = await page.evaluate(() => document.querySelector('input[name=kind]:checked').value);
    await page.keyboard.press('Enter');
    await page.locator('main').getByText(ja['report.sent']).waitFor();
    const mine = await apiOk('supporter1', 'GET', '/v1/activities?limit=200');
    const found = (mine.activities || []).filter((a) => a.note === note);
    assert.equal(found.length, 1);
    assert.equal(found[0].kind, kind);
    assert.equal(found[0].minutes, 30);
    assert.equal(found[0].assignment_id, assignment.id);
  });
});

test('a report the server refuses stays visible with the reason', async (t) => {
  await assignmentFor('supporter1');
  await withBrowser(t, {}, async ({ page }) => {
    await login(page, 'supporter1');
    await go(page, '/app/report');
    await page.locator('[data-testid=report-form]').waitFor();
    // A date before the assignment started: valid to the form, refused by the API.
    await page.locator('#date').fill('2001-01-01');
    await page.locator('input[name=kind][value=phone]').check();
    await page.locator('#minutes').fill('20');
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    await page.locator('[data-testid=waiting] li[data-state=failed]').waitFor();
    await page.getByRole('button', { name: ja['outbox.delete'] }).click();
    await page.locator('[data-testid=waiting]').waitFor({ state: 'detached' });
  });
  const r = await api(null, 'GET', '/v1/activities');
  assert.equal(r.status, 401);
});
