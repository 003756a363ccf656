// A dead zone in a new tab (issue 15), needing js/supporter.js's last-known
// assignments kept on the device (home in a dead zone): a remembered phone whose PIN
// cannot be checked writes a report offline; it is queued, and sent exactly
// once after the PIN works with the signal back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, apiOk, assignmentFor, messages, BASE } from './lib.mjs';

const ja = messages.ja;
const PIN = '2580';

async function pin(page, value) {
  const form = page.locator('[data-testid=pin-form]');
  await form.locator('[name=pin]').fill(value);
  await form.getByRole('button', { name: ja['device.pinSubmit'] }).click();
}

test('offline new tab on a remembered phone: the report waits for the PIN, then goes once', async (t) => {
  await assignmentFor('supporter3');
  const note = `電波なし${Date.now() % 100000}`;
  await withBrowser(t, { viewport: { width: 360, height: 740 } }, async ({ context, page }) => {
    await login(page, 'supporter3');
    await go(page, '/app/report');
    await page.locator('[data-testid=report-form]').waitFor();
    await go(page, '/app/devices');
    const form = page.locator('form#device-remember');
    await form.locator('[name=pin]').fill(PIN);
    await form.locator('[name=pin_confirm]').fill(PIN);
    await form.getByRole('button', { name: ja['device.remember'] }).click();
    await page.locator('main .alert-ok').waitFor();
    // Only the new tab is left (another signed-in tab would send the queue).
    const dead = await context.newPage();
    await page.close();

    await dead.goto(`${BASE}/app/login`);
    await dead.locator('[data-testid=pin-form]').waitFor();
    await context.setOffline(true);
    await pin(dead, PIN);
    await dead.getByRole('button', { name: ja['device.offlineGo'] }).click();
    await dead.locator('[data-testid=report-form]').waitFor();
    await dead.locator('input[name=kind][value=phone]').check();
    await dead.locator('#minutes').fill('20');
    await dead.locator('#note').fill(note);
    await dead.getByRole('button', { name: ja['report.submit'] }).click();
    await dead.locator('[data-testid=sent-card]').waitFor();
    assert.equal((await apiOk('supporter3', 'GET', '/v1/activities?limit=200')).activities.filter((a) => a.note === note).length, 0);
    await context.setOffline(false);
    await dead.waitForTimeout(3000);
    assert.equal((await apiOk('supporter3', 'GET', '/v1/activities?limit=200')).activities.filter((a) => a.note === note).length, 0, 'not sent without the PIN');
    await dead.locator('[data-testid=offline-session]').getByRole('link', { name: ja['device.enterPin'] }).click();
    await pin(dead, PIN);
    await dead.waitForURL((u) => u.pathname === '/app/home');
    for (let i = 0; i < 50; i++) {
      if ((await apiOk('supporter3', 'GET', '/v1/activities?limit=200')).activities.some((a) => a.note === note)) break;
      await dead.waitForTimeout(200);
    }
    await dead.waitForTimeout(1000);
    assert.equal((await apiOk('supporter3', 'GET', '/v1/activities?limit=200')).activities.filter((a) => a.note === note).length, 1);
  });
});
