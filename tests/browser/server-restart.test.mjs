// The server process stopped and started again (issue 15), not only a request
// refused in the browser: a supporter's phone at 360 px queues a report while
// `tsunagari serve` is down (the phone "online": the request is refused by
// the host), goes through a dead zone (CDP network conditions: offline, then
// online again while the server is still down), and the report arrives
// exactly once after the server is started again on the same port and
// database — without a reload or a tap — and the header's count goes back
// to zero.  Delivery is checked by reading the API.  The test runs a server
// of its own (lib.mjs ownServer) so that the suite's server stays up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, ownServer, messages, PASSWORD, shot } from './lib.mjs';

const ja = messages.ja;

async function apiOn(base, token, method, path, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await r.json().catch(() => null);
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

test('server stopped and restarted: the queued report arrives once without a reload, the count goes 1 → 0', { timeout: 170000 }, async (t) => {
  const server = ownServer();
  try {
    const base = await server.start();
    const { token } = await apiOn(base, null, 'POST', '/v1/auth/token', { login: 'supporter1', password: PASSWORD });
    const mine = await apiOn(base, token, 'GET', '/v1/assignments?active=true');
    assert.ok(mine.assignments.length > 0, 'the demo gives supporter1 an assignment');
    const reports = async (note) => (await apiOn(base, token, 'GET', '/v1/activities?limit=200')).activities.filter((a) => a.note === note);
    const note = `restart-${Date.now()}`;

    await withBrowser(t, { viewport: { width: 360, height: 740 } }, async ({ page, context, problems }) => {
      await page.goto(`${base}/app/login`);
      await page.locator('#login').fill('supporter1');
      await page.locator('#password').fill(PASSWORD);
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/app/home');
      await page.locator('main .card').first().waitFor();
      await page.evaluate(() => { history.pushState(null, '', '/app/report'); dispatchEvent(new PopStateEvent('popstate')); });
      await page.locator('[data-testid=report-form]').waitFor();
      // Set on this document: a reload would lose it.
      await page.evaluate(() => { window.sameDocument = true; });

      // The server process stops; the phone still believes it is online.
      await server.stop();
      assert.equal(await page.evaluate(() => navigator.onLine), true);
      await page.locator('input[name=kind][value=home_visit]').check();
      await page.locator('#minutes').fill('40');
      await page.locator('#note').fill(note);
      await page.getByRole('button', { name: ja['report.submit'] }).click();
      const card = page.locator('[data-testid=sent-card]');
      await card.getByText(ja['report.queued']).waitFor();
      const count = page.locator('[data-testid=waiting-count]');
      await count.getByText(ja['outbox.headerWaiting'].replace('{n}', '1')).waitFor();
      await shot(page, 'server-restart-queued');

      // A dead zone on the way: the network cut (CDP), then back while the
      // server is still down — the `online` event tries and fails, the report
      // stays waiting, once.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await page.waitForFunction(() => navigator.onLine === false);
      await page.waitForTimeout(1000);
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await page.waitForFunction(() => navigator.onLine === true);
      await page.waitForTimeout(1500);
      await count.getByText(ja['outbox.headerWaiting'].replace('{n}', '1')).waitFor();

      // The server starts again on the same port and database; nobody
      // touches the phone.
      await server.start();
      assert.equal(server.base, base, 'the same port');
      assert.equal((await reports(note)).length, 0, 'nothing arrived while the server was down');
      await count.waitFor({ state: 'detached', timeout: 90000 });
      await card.getByText(ja['report.sent']).waitFor();
      assert.equal(await page.evaluate(() => window.sameDocument), true, 'no reload');
      assert.equal(new URL(page.url()).pathname, '/app/report');
      const arrived = await reports(note);
      assert.equal(arrived.length, 1, 'exactly one report');
      assert.equal(arrived[0].minutes, 40);
      assert.equal(arrived[0].kind, 'home_visit');

      // Later chances to send (online, a visible page) send nothing more.
      await page.evaluate(() => { dispatchEvent(new Event('online')); document.dispatchEvent(new Event('visibilitychange')); });
      await page.waitForTimeout(1500);
      assert.equal((await reports(note)).length, 1);
      assert.equal(await count.count(), 0);
      // Only the failures of the down server show in the console (the service
      // worker's update check of sw.js among them).
      assert.deepEqual(problems.filter((p) => !/ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource|error occurred when fetching the script/.test(p)), []);
    });
  } finally {
    await server.remove();
  }
});
