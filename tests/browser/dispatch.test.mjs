// Organisations in the web application (issue 13, SPEC 2.6 and 3.3): the
// administrator's organisation selector on the lists, the coordinator's
// dispatch requests page (受信 / 送信), the 派遣を依頼 form on a case and its
// consent_missing message in Japanese.
//
// The data is made here through the API, so that the tests do not depend on
// the demo's exact organisations: the demo's `coordinator` account is in one
// organisation; the tests take another one from GET /v1/organisations (or
// create it) and a coordinator account in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, api, apiOk, makeCase, daysFromToday, shot, messages, PASSWORD } from './lib.mjs';

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };
const RECEIVER = `disp-coord-${process.pid % 100000}`;
const SHARE = ['matching', 'support', 'share_with_agency'];
// Sharing needs the agency named in the consent (the case's validation).
const AGENCY = '宇都宮市ひきこもり地域支援センター（架空）';
let seq = 0;

async function allOrganisations() {
  const out = [];
  let cursor = null;
  do {
    const page = await apiOk('admin', 'GET', `/v1/organisations?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.organisations);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

// The demo coordinator's organisation (that of a case it creates), another
// organisation, and a coordinator account of that other one.
let world = null;
async function setup() {
  if (world) return world;
  const probe = await makeCase({ nickname: `機関確認${process.pid % 1000}` });
  assert.equal(typeof probe.organisation_id, 'number', 'a case answers its organisation_id');
  const own = probe.organisation_id;
  let orgs = await allOrganisations();
  let other = orgs.find((o) => o.id !== own && o.kind === 'municipality') || orgs.find((o) => o.id !== own);
  if (!other) {
    other = await apiOk('admin', 'POST', '/v1/organisations', {
      name: 'ブラウザテスト町（架空）', kind: 'municipality', municipality_code: '092011', parent_id: own,
    });
    orgs = await allOrganisations();
  }
  const made = await api('admin', 'POST', '/v1/users', {
    login: RECEIVER, password: PASSWORD, role: 'coordinator', organisation_id: other.id,
  });
  assert.ok(made.status === 201 || made.status === 200 || made.status === 409, `create ${RECEIVER}: ${made.status} ${made.text}`);
  world = { own, other, orgs, ownName: orgs.find((o) => o.id === own).name };
  return world;
}

// A case of `who`'s organisation, assessed, with the given consent scope.
async function caseOf(who, nickname, scope) {
  const c = await apiOk(who, 'POST', '/v1/cases', {
    nickname, municipality_code: '092011', age_band: '30s', gender: 'female', household: 'three_plus',
    needs: ['home_visit', 'phone'], interests: ['散歩'],
    consent: { obtained_on: daysFromToday(-20), scope, ...(scope.includes('share_with_agency') ? { agency: AGENCY } : {}) },
  });
  await apiOk(who, 'POST', `/v1/cases/${c.id}/assessment`, {
    held_on: daysFromToday(-5), participants: ['coordinator'], summary: '派遣テストのケース検討（架空）',
  });
  return c;
}

async function requestFor(who, direction, caseId) {
  const x = await apiOk(who, 'GET', `/v1/dispatch-requests?direction=${direction}`);
  return x.dispatch_requests.find((d) => d.case_id === caseId);
}

test('admin: the organisation selector filters the cases list, shows names, and is remembered', async (t) => {
  const w = await setup();
  const stamp = `${process.pid % 1000}-${++seq}`;
  const mine = await makeCase({ nickname: `本庁ケース${stamp}` });
  const theirs = await caseOf(RECEIVER, `他機関ケース${stamp}`, ['matching', 'support']);
  assert.equal(theirs.organisation_id, w.other.id);
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'admin', process.env.TSUNAGARI_ADMIN_PASSWORD || 'demo-root-password');
    await go(page, '/app/cases');
    const select = page.locator('#f-org');
    await select.waitFor();
    assert.equal(await select.inputValue(), '', 'all organisations by default');
    await select.locator(`option[value="${w.other.id}"]`).waitFor({ state: 'attached' });
    assert.equal(await select.locator('option').first().textContent(), ja['orgs.all']);
    const rows = page.locator('[data-testid=cases] tbody tr');
    await rows.first().waitFor();
    const allCount = await rows.count();
    // The organisation's name in every row.
    const head = await page.locator('[data-testid=cases] thead th').allTextContents();
    assert.equal(head[head.length - 1], ja['orgs.organisation']);

    await select.selectOption(String(w.other.id));
    await page.waitForFunction(() => location.search.includes('organisation_id='));
    await page.getByRole('link', { name: theirs.code }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=cases] tbody tr').length < n, allCount);
    assert.equal(await page.getByRole('link', { name: mine.code }).count(), 0, 'the other organisation\'s list lacks our case');
    const names = await page.locator('[data-testid=cases] tbody td.org').allTextContents();
    assert.ok(names.length > 0 && names.every((n) => n === w.other.name), `every row is of ${w.other.name}: ${names}`);
    await shot(page, 'admin-cases-organisation');

    await select.selectOption(String(w.own));
    await page.getByRole('link', { name: mine.code }).waitFor();
    assert.equal(await page.getByRole('link', { name: theirs.code }).count(), 0);
    assert.ok((await page.locator('[data-testid=cases] tbody td.org').allTextContents()).every((n) => n === w.ownName));

    // The choice lasts for the session: the supporters and hosts lists open
    // with it, and every row there is of that organisation.
    await go(page, '/app/supporters');
    await page.locator('#f-org').waitFor();
    assert.equal(await page.locator('#f-org').inputValue(), String(w.own));
    await page.locator('[data-testid=supporters] tbody tr').first().waitFor();
    assert.ok((await page.locator('[data-testid=supporters] tbody td.org').allTextContents()).every((n) => n === w.ownName));
    await go(page, '/app/hosts');
    assert.equal(await page.locator('#f-org').inputValue(), String(w.own));
    await page.locator('#f-org').selectOption('');
    await page.waitForFunction(() => !location.search.includes('organisation_id='));
    await page.waitForFunction(() => !document.querySelector('.loading'));
    assert.deepEqual(problems, []);
  });
});

test('coordinator: 派遣を依頼 without consent to share shows consent_missing in Japanese', async (t) => {
  const w = await setup();
  const kase = await makeCase({ nickname: `同意なし${process.pid % 1000}-${++seq}` }); // scope: matching, support
  await withBrowser(t, desk, async ({ page }) => {
    await login(page, 'coordinator');
    await go(page, `/app/cases/${kase.id}`);
    await page.getByRole('button', { name: ja['dispatch.ask'] }).click();
    const form = page.locator('[data-testid=dispatch-form]');
    await form.locator(`#to_organisation_id option[value="${w.other.id}"]`).waitFor({ state: 'attached' });
    assert.equal(await form.locator(`#to_organisation_id option[value="${w.own}"]`).count(), 0, 'the own organisation is not offered');
    await form.locator('#to_organisation_id').selectOption(String(w.other.id));
    await form.getByRole('button', { name: ja['dispatch.send'] }).click();
    const error = form.locator('[data-testid=dispatch-error]');
    await error.waitFor();
    assert.equal((await error.textContent()).trim(), ja['dispatch.consentMissing']);
    assert.match(await error.textContent(), /同意の範囲に「他機関との共有」がありません/);
    await shot(page, 'coordinator-dispatch-consent-missing');
  });
  assert.equal(await requestFor('coordinator', 'outgoing', kase.id), undefined, 'no request was made');
});

test('coordinator: ask another organisation from the case page; the receiver sees it incoming and declines with a reason', async (t) => {
  const w = await setup();
  const kase = await makeCase({
    nickname: `派遣依頼${process.pid % 1000}-${++seq}`, consent: { obtained_on: daysFromToday(-30), scope: SHARE, agency: AGENCY },
  });
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, '/app/cases');
    await page.locator('[data-testid=cases] tbody tr').first().waitFor();
    assert.equal(await page.locator('#f-org').count(), 0, 'no organisation selector for a coordinator');
    await go(page, `/app/cases/${kase.id}`);
    await page.getByRole('button', { name: ja['dispatch.ask'] }).click();
    const form = page.locator('[data-testid=dispatch-form]');
    await form.locator(`#to_organisation_id option[value="${w.other.id}"]`).waitFor({ state: 'attached' });
    await form.locator('#to_organisation_id').selectOption(String(w.other.id));
    await form.locator('#dispatch-note').fill('週1回の訪問ができるかたを希望します（テスト）');
    await form.getByRole('button', { name: ja['dispatch.send'] }).click();
    await page.locator('[data-testid=dispatch-sent]').getByText(ja['dispatch.sent'].replace('{org}', w.other.name)).waitFor();
    await page.getByRole('link', { name: ja['dispatch.seeOutgoing'] }).click();
    await page.waitForURL('**/app/dispatch?direction=outgoing');
    assert.equal(await page.getByRole('tab', { name: ja['dispatch.tab.outgoing'] }).getAttribute('aria-selected'), 'true');
    const req = await requestFor('coordinator', 'outgoing', kase.id);
    assert.ok(req, 'the request exists');
    assert.equal(req.status, 'open');
    const item = page.locator(`[data-testid=dispatch-request][data-id="${req.id}"]`);
    await item.waitFor();
    await item.getByText(ja['dispatchStatus.open']).waitFor();
    await item.getByText(w.other.name).first().waitFor();
    assert.equal(await item.getByRole('button', { name: ja['dispatch.withdraw'] }).count(), 1);
    await page.getByRole('tab', { name: ja['dispatch.tab.incoming'] }).click();
    await page.locator('[data-testid=dispatch-incoming]').waitFor();
    await shot(page, 'coordinator-dispatch-outgoing');
    assert.deepEqual(problems, []);

    // The receiving organisation's coordinator: the count in the
    // navigation, the case's matching fields only, candidates, decline.
    await page.getByRole('button', { name: ja['nav.logout'] }).click();
    await page.waitForURL('**/app/login');
    await login(page, RECEIVER);
    const count = page.locator('nav a[href="/app/dispatch"] .nav-count');
    await count.waitFor();
    assert.ok(Number.parseInt(await count.textContent(), 10) >= 1);
    await go(page, '/app/dispatch');
    assert.equal(await page.getByRole('tab', { name: ja['dispatch.tab.incoming'] }).getAttribute('aria-selected'), 'true');
    const inc = page.locator(`[data-testid=dispatch-request][data-id="${req.id}"]`);
    await inc.getByRole('heading', { name: kase.nickname }).waitFor();
    await inc.locator('[data-testid=dispatch-case]').getByText(ja['need.home_visit']).waitFor();
    await inc.getByText(w.ownName).first().waitFor();
    assert.ok(!(await inc.textContent()).includes(kase.code), 'the case code stays with its organisation');
    await inc.getByRole('button', { name: ja['dispatch.candidates'] }).click();
    const cands = inc.locator('[data-testid=dispatch-candidates]');
    await cands.getByRole('heading', { name: /候補者 \d+人/ }).waitFor();
    await inc.getByRole('button', { name: ja['dispatch.decline'] }).click();
    const decline = inc.locator('[data-testid=dispatch-decline]');
    await decline.getByRole('button', { name: ja['dispatch.declineSubmit'] }).click();
    await decline.getByText(ja['dispatch.err.reason']).waitFor();
    assert.equal(await decline.locator('textarea').getAttribute('aria-invalid'), 'true');
    await decline.locator('textarea').fill('今月は派遣できるサポーターがいません');
    await decline.getByRole('button', { name: ja['dispatch.declineSubmit'] }).click();
    await inc.getByText(ja['dispatch.declined']).waitFor();
    await inc.locator('.badge').getByText(ja['dispatchStatus.declined']).waitFor();
    await shot(page, 'receiver-dispatch-declined');
    assert.deepEqual(problems, []);
  });
  const after = await requestFor('coordinator', 'outgoing', kase.id);
  assert.equal(after.status, 'declined');
  assert.equal(after.decline_reason, '今月は派遣できるサポーターがいません');
});

test('coordinator: accept an incoming request with a ranked candidate; the requester withdraws another', async (t) => {
  await setup();
  const stamp = `${process.pid % 1000}-${++seq}`;
  // The other organisation asks the demo coordinator's organisation, whose
  // pool holds the demo's registered supporters.
  const a = await caseOf(RECEIVER, `承諾テスト${stamp}`, SHARE);
  const b = await caseOf(RECEIVER, `取り下げテスト${stamp}`, SHARE);
  const w = await setup();
  const ra = await apiOk(RECEIVER, 'POST', '/v1/dispatch-requests', { case_id: a.id, to_organisation_id: w.own, note: '訪問の支援をお願いします' });
  const rb = await apiOk(RECEIVER, 'POST', '/v1/dispatch-requests', { case_id: b.id, to_organisation_id: w.own });
  await withBrowser(t, desk, async ({ page, problems }) => {
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
    await login(page, 'coordinator');
    await go(page, '/app/dispatch');
    const item = page.locator(`[data-testid=dispatch-request][data-id="${ra.id}"]`);
    await item.getByRole('heading', { name: a.nickname }).waitFor();
    await item.getByRole('button', { name: ja['dispatch.candidates'] }).click();
    const first = item.locator('[data-testid=candidates] > li').first();
    await first.waitFor();
    assert.ok(await first.locator('.scorebar .seg').count() > 0, 'the score is explained as on a case');
    const name = (await first.locator('.cand-head a').textContent()).trim();
    await first.getByRole('button', { name: ja['dispatch.accept'] }).click();
    await item.getByText(ja['dispatch.accepted'].replace('{name}', name)).waitFor();
    assert.equal(dialogs.length, 1, 'accepting asks first');
    assert.ok(dialogs[0].includes(name));
    await item.locator('.badge').getByText(ja['dispatchStatus.accepted']).waitFor();
    // The supporter who took it is named (the receiver's own record).
    await item.locator('dl.facts a').getByText(name).waitFor();
    await shot(page, 'coordinator-dispatch-accepted');
    assert.deepEqual(problems, []);

    await page.getByRole('button', { name: ja['nav.logout'] }).click();
    await page.waitForURL('**/app/login');
    await login(page, RECEIVER);
    await go(page, '/app/dispatch?direction=outgoing');
    const out = page.locator(`[data-testid=dispatch-request][data-id="${rb.id}"]`);
    await out.getByRole('button', { name: ja['dispatch.withdraw'] }).click();
    await out.locator('.badge').getByText(ja['dispatchStatus.withdrawn']).waitFor();
    assert.equal(dialogs.length, 2, 'withdrawing asks first');
    const acc = page.locator(`[data-testid=dispatch-request][data-id="${ra.id}"]`);
    await acc.locator('.badge').getByText(ja['dispatchStatus.accepted']).waitFor();
    // The requester is told whose supporter it is, not another organisation's record.
    await acc.locator('dl.facts').getByText(/のサポーター$/).waitFor();
    await acc.locator('summary').click();
    await acc.getByText(ja['dispatchAction.accepted']).first().waitFor();
    assert.deepEqual(problems, []);
  });
  const accepted = await requestFor(RECEIVER, 'outgoing', a.id);
  assert.equal(accepted.status, 'accepted');
  assert.ok(accepted.supporter_id > 0 && accepted.assignment_id > 0, 'the assignment was made');
  assert.equal((await requestFor(RECEIVER, 'outgoing', b.id)).status, 'withdrawn');
});
