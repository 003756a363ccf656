// Remembered devices from the phone (issue 15, "Opening the app in a dead
// zone"; docs/api.md "Remembered devices"): a supporter signed in with the
// password remembers the phone with a PIN (a guessable PIN refused next to
// its field first); a new tab in the same browser signs in with the PIN
// alone; a wrong PIN says how many tries are left; with the network cut the
// PIN cannot be checked and the supporter goes on offline, asked for the PIN
// again once the signal is back; staff revoke the phone from the supporter's
// page and the password form returns; a plain sign-out keeps the phone, a
// sign-out with 「この端末の記憶も消す」 forgets it.
//
// The supporter and its account are made for the test (the demo supporters
// belong to other tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, go, apiOk, messages, shot, BASE, PASSWORD } from './lib.mjs';

const ja = messages.ja;
const phone = { viewport: { width: 360, height: 740 } };
const desk = { viewport: { width: 1280, height: 900 } };
const uniq = () => `${process.pid % 1000}${Date.now() % 100000}`;
// Refusals the test provokes on purpose show in the console as failed loads.
const unexpected = (problems) => problems.filter((p) => !/status of (401|422)/.test(p));
const PIN = '2580';

async function passwordLogin(page, loginName) {
  await page.goto(`${BASE}/app/login`);
  await page.locator('#login').fill(loginName);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => u.pathname === '/app/home');
}

async function pin(page, value) {
  const form = page.locator('[data-testid=pin-form]');
  await form.locator('[name=pin]').fill(value);
  await form.getByRole('button', { name: ja['device.pinSubmit'] }).click();
}

async function remember(page, label) {
  await go(page, '/app/devices');
  const form = page.locator('form#device-remember');
  await form.locator('[name=label]').fill(label);
  await form.locator('[name=pin]').fill(PIN);
  await form.locator('[name=pin_confirm]').fill(PIN);
  await form.getByRole('button', { name: ja['device.remember'] }).click();
  await page.locator('main .alert-ok').getByText(ja['device.remembered'].replace('{label}', label)).waitFor();
}

async function devicesOf(supporterId) {
  return (await apiOk('coordinator', 'GET', `/v1/auth/devices?supporter_id=${supporterId}`)).devices;
}

test('supporter: remember the phone, a new tab with the PIN only, wrong PIN, offline, staff revoke, sign-out', async (t) => {
  const s = await apiOk('coordinator', 'POST', '/v1/supporters', {
    name: `端末 花子${uniq()}`, gender: 'female', municipality_code: '092011', peer_experience: 'none', max_cases: 2,
  });
  const loginName = `device-${uniq()}`;
  await apiOk('admin', 'POST', '/v1/users', { login: loginName, password: PASSWORD, role: 'supporter', supporter_id: s.id });

  await withBrowser(t, phone, async ({ context, page, problems }) => {
    // 1. Signed in with the password: home offers once to remember the phone.
    await passwordLogin(page, loginName);
    const offer = page.locator('[data-testid=device-offer]');
    await offer.getByText(ja['device.offerText']).waitFor();
    await offer.getByRole('link', { name: ja['device.remember'] }).click();
    await page.waitForURL((u) => u.pathname === '/app/devices');
    const form = page.locator('form#device-remember');
    assert.ok((await form.locator('[name=label]').inputValue()).length > 0, 'a default label');

    // A guessable PIN: the server's Japanese reason next to the PIN field.
    await form.locator('[name=label]').fill('私のスマホ');
    await form.locator('[name=pin]').fill('1234');
    await form.locator('[name=pin_confirm]').fill('1234');
    await form.getByRole('button', { name: ja['device.remember'] }).click();
    const pinError = form.locator('#pin-error');
    await pinError.waitFor();
    assert.match(await pinError.textContent(), /PIN/);
    assert.doesNotMatch(await pinError.textContent(), /pin:|too easy/);
    assert.equal(await form.locator('[name=pin]').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'pin');
    // Two different PINs: refused here, before the server.
    await form.locator('[name=pin]').fill(PIN);
    await form.locator('[name=pin_confirm]').fill('2581');
    await form.getByRole('button', { name: ja['device.remember'] }).click();
    await form.locator('#pin_confirm-error').getByText(ja['device.err.confirm']).waitFor();
    assert.equal((await devicesOf(s.id)).length, 0);

    await form.locator('[name=pin]').fill(PIN);
    await form.locator('[name=pin_confirm]').fill(PIN);
    await form.getByRole('button', { name: ja['device.remember'] }).click();
    await page.locator('main .alert-ok').getByText(ja['device.remembered'].replace('{label}', '私のスマホ')).waitFor();
    const list = page.locator('[data-testid=devices] > li');
    await list.first().waitFor();
    assert.equal(await list.count(), 1);
    await list.first().locator('.badge-this').getByText(ja['device.thisOne'], { exact: true }).waitFor();
    assert.equal((await devicesOf(s.id)).length, 1);
    // Only the non-secret facts are on the device; the token is not, and no
    // script can read the cookie.
    const stored = await page.evaluate(() => ({
      local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
      token: JSON.parse(sessionStorage.getItem('ts.session')).token,
      cookie: document.cookie,
    }));
    const facts = JSON.parse(stored.local['ts.device']);
    assert.equal(facts.login, loginName);
    assert.equal(facts.role, 'supporter');
    assert.equal(facts.supporter_id, s.id);
    assert.equal(facts.label, '私のスマホ');
    assert.ok(!JSON.stringify(stored.local).includes(stored.token), 'no token in localStorage');
    assert.ok(!JSON.stringify(stored.local).includes(PIN), 'no PIN in localStorage');
    assert.ok(!stored.cookie.includes('ts_device'), 'the cookie is HttpOnly');
    // The offer is not made again on home.
    await go(page, '/app/home');
    await page.locator('h1').first().waitFor();
    assert.equal(await page.locator('[data-testid=device-offer]').count(), 0);
    await shot(page, 'devices-remembered');

    // 2. A new tab in the same browser: the PIN pad, no password.  A wrong
    //    PIN first says how many tries are left.
    const tab = await context.newPage();
    tab.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    await tab.goto(`${BASE}/app/home`);
    await tab.locator('[data-testid=pin-form]').waitFor();
    assert.equal(await tab.locator('#password').count(), 0);
    await tab.getByRole('heading', { name: ja['device.pinTitle'], level: 1 }).waitFor();
    await pin(tab, '1357');
    await tab.locator('#pin-error').getByText(ja['device.pinWrong'].replace('{n}', '4')).waitFor();
    assert.equal(await tab.locator('#pin').getAttribute('aria-invalid'), 'true');
    await shot(tab, 'devices-wrong-pin');
    await pin(tab, PIN);
    await tab.waitForURL((u) => u.pathname === '/app/home');
    await tab.getByRole('link', { name: ja['home.reportVisit'] }).waitFor();
    assert.ok((await devicesOf(s.id))[0].last_used_at, 'last used');
    await tab.close();

    // 3. A new tab where the PIN cannot be checked (the network cut): the
    //    supporter goes on offline, told the reports wait for the PIN.
    const dead = await context.newPage();
    dead.on('console', (m) => { if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(m.text())) problems.push(`console: ${m.text()}`); });
    await dead.goto(`${BASE}/app/login`);
    await dead.locator('[data-testid=pin-form]').waitFor();
    await context.setOffline(true);
    await pin(dead, PIN);
    await dead.locator('#pin-error').getByText(ja['device.pinNoNetwork']).waitFor();
    const go_offline = dead.locator('[data-testid=offline-offer]');
    await go_offline.getByText(ja['device.offlineOffer']).waitFor();
    await go_offline.getByRole('button', { name: ja['device.offlineGo'] }).click();
    await dead.waitForURL((u) => u.pathname === '/app/report');
    const notice = dead.locator('[data-testid=offline-session]');
    await notice.getByText(ja['device.offlineNow']).waitFor();
    await dead.getByRole('navigation').getByRole('link', { name: ja['nav.report'] }).waitFor();
    assert.equal(await dead.evaluate(() => JSON.parse(sessionStorage.getItem('ts.session') || 'null')), null, 'no session stored offline');
    await shot(dead, 'devices-offline');
    // The signal is back: the notice says so and the PIN is asked again.
    await context.setOffline(false);
    await notice.getByText(ja['device.offlineOnline']).waitFor();
    await notice.getByRole('link', { name: ja['device.enterPin'] }).click();
    await pin(dead, PIN);
    await dead.waitForURL((u) => u.pathname === '/app/home');
    assert.equal(await dead.locator('[data-testid=offline-session]').count(), 0);
    await dead.close();

    // 4. Staff revoke the phone from the supporter's page.
    await withBrowser({ name: 'devices-staff-revoke' }, desk, async ({ page: desk1, problems: deskProblems }) => {
      await desk1.goto(`${BASE}/app/login`);
      await desk1.locator('#login').fill('coordinator');
      await desk1.locator('#password').fill(PASSWORD);
      await desk1.locator('form button[type=submit]').click();
      await desk1.waitForURL((u) => !u.pathname.endsWith('/app/login'));
      await go(desk1, `/app/supporters/${s.id}`);
      const section = desk1.locator('section', { has: desk1.getByRole('heading', { name: ja['device.title'] }) });
      const item = section.locator('[data-testid=devices] > li', { hasText: '私のスマホ' });
      await item.waitFor();
      await item.getByRole('button', { name: ja['device.revokeNamed'].replace('{label}', '私のスマホ') }).click();
      await section.getByText(ja['device.revokedOne'].replace('{label}', '私のスマホ')).waitFor();
      await section.getByText(ja['device.none']).waitFor();
      assert.deepEqual(deskProblems, []);
    });
    assert.equal((await devicesOf(s.id)).length, 0);
    const after = await context.newPage();
    await after.goto(`${BASE}/app/login`);
    await pin(after, PIN);
    await after.locator('main .alert-warn').getByText(ja['device.revoked']).waitFor();
    await after.locator('#password').waitFor();
    assert.equal(await after.evaluate(() => localStorage.getItem('ts.device')), null);
    await after.close();

    // 5. Sign-out.  The first tab, still signed in with the password,
    //    remembers the phone again; a plain sign-out keeps the phone (the PIN
    //    works next time), 「この端末の記憶も消す」 forgets it.
    await page.goto(`${BASE}/app/home`);
    await page.getByRole('link', { name: ja['home.reportVisit'] }).waitFor();
    await remember(page, '私のスマホ2');
    await page.locator('header').getByRole('button', { name: ja['nav.logout'] }).click();
    const out = page.locator('[data-testid=signout]');
    await out.getByRole('checkbox', { name: ja['device.forgetToo'] }).waitFor();
    assert.equal(await out.getByRole('checkbox').isChecked(), false);
    await out.getByRole('button', { name: ja['nav.logout'] }).click();
    await page.waitForURL((u) => u.pathname === '/app/login');
    await page.locator('[data-testid=pin-form]').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('ts.session')), null);
    assert.equal((await devicesOf(s.id)).length, 1);
    await pin(page, PIN);
    await page.waitForURL((u) => u.pathname === '/app/home');

    await page.locator('header').getByRole('button', { name: ja['nav.logout'] }).click();
    await out.getByRole('checkbox', { name: ja['device.forgetToo'] }).check();
    await out.getByRole('button', { name: ja['nav.logout'] }).click();
    await page.waitForURL((u) => u.pathname === '/app/login');
    await page.locator('#password').waitFor();
    assert.equal(await page.locator('[data-testid=pin-form]').count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem('ts.device')), null);
    assert.equal((await devicesOf(s.id)).length, 0);
    // The cookie went too: a PIN sent by hand is not taken.
    const r = await page.evaluate(async (p) => (await fetch('/v1/auth/device/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pin: p }), credentials: 'same-origin',
    })).status, PIN);
    assert.equal(r, 401);
    assert.deepEqual(unexpected(problems), []);
  });
});

test('host: remembers the phone from 端末, staff see it on the host page and revoke it', async (t) => {
  const h = await apiOk('coordinator', 'POST', '/v1/hosts', {
    name: `端末テスト農園${uniq()}`, municipality_code: '092011', industry: '農業', capacity_per_day: 2,
  });
  const loginName = `host-device-${uniq()}`;
  await apiOk('admin', 'POST', '/v1/users', { login: loginName, password: PASSWORD, role: 'host', host_id: h.id });
  await withBrowser(t, phone, async ({ context, page, problems }) => {
    await page.goto(`${BASE}/app/login`);
    await page.locator('#login').fill(loginName);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/app/host');
    await page.locator('[data-testid=device-offer]').getByRole('button', { name: ja['device.notNow'] }).click();
    assert.equal(await page.locator('[data-testid=device-offer]').count(), 0);
    await page.getByRole('navigation').getByRole('link', { name: ja['nav.devices'] }).click();
    await page.getByRole('heading', { name: ja['device.title'], level: 1 }).waitFor();
    await page.getByText(ja['device.none']).waitFor();
    await remember(page, '事務所のタブレット');
    const tab = await context.newPage();
    await tab.goto(`${BASE}/app/login`);
    await pin(tab, PIN);
    await tab.waitForURL((u) => u.pathname === '/app/host');
    await tab.close();

    await withBrowser({ name: 'devices-host-staff' }, desk, async ({ page: desk1, problems: deskProblems }) => {
      await desk1.goto(`${BASE}/app/login`);
      await desk1.locator('#login').fill('coordinator');
      await desk1.locator('#password').fill(PASSWORD);
      await desk1.locator('form button[type=submit]').click();
      await desk1.waitForURL((u) => !u.pathname.endsWith('/app/login'));
      await go(desk1, `/app/hosts/${h.id}`);
      const section = desk1.locator('section', { has: desk1.getByRole('heading', { name: ja['device.title'] }) });
      const item = section.locator('[data-testid=devices] > li', { hasText: '事務所のタブレット' });
      await item.waitFor();
      await item.getByRole('button', { name: ja['device.revokeNamed'].replace('{label}', '事務所のタブレット') }).click();
      await section.getByText(ja['device.none']).waitFor();
      assert.deepEqual(deskProblems, []);
    });
    assert.equal((await apiOk('coordinator', 'GET', `/v1/auth/devices?host_id=${h.id}`)).devices.length, 0);
    const after = await context.newPage();
    await after.goto(`${BASE}/app/login`);
    await pin(after, PIN);
    await after.locator('main .alert-warn').getByText(ja['device.revoked']).waitFor();
    await after.locator('#password').waitFor();
    await after.close();
    assert.deepEqual(unexpected(problems), []);
  });
});
