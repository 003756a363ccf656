// The coordinator's case conference and the auditor's pages.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import {
  withBrowser, login, go, apiOk, makeCase, makeEligible, supporterIdOf, shot, messages, daysFromToday, assignmentFor,
} from './lib.mjs';

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };

test('coordinator: candidates, an exclusion reason in plain Japanese, assign', async (t) => {
  const kase = await makeCase({ nickname: `候補テスト${Date.now() % 100000}` });
  // An excluded pair gives a reason we can read on the page.
  const excluded = await supporterIdOf('supporter3');
  await makeEligible(excluded);
  await apiOk('coordinator', 'POST', `/v1/cases/${kase.id}/exclusions`, { supporter_id: excluded, reason: 'conflict_of_interest' });
  await withBrowser(t, desk, async ({ page, problems }) => {
    // The page reads the candidates answer alone: no supporter list, and
    // at most 60 KB of API data (issue 14).
    const reads = [];
    let bytes = 0;
    page.on('response', async (res) => {
      const url = new URL(res.url());
      if (!url.pathname.startsWith('/v1/')) return;
      reads.push(url.pathname + url.search);
      if (url.pathname.endsWith('/candidates')) bytes += (await res.body()).length;
    });
    await login(page, 'coordinator');
    await go(page, `/app/cases/${kase.id}`);
    await page.getByRole('heading', { name: kase.nickname }).waitFor();
    await page.getByRole('heading', { name: ja['cases.consent'] }).waitFor();
    // What the candidates page reads, from the click on (the case page's own
    // forms read what they offer).
    await page.waitForLoadState('networkidle');
    reads.length = 0;
    bytes = 0;
    await page.getByRole('link', { name: ja['cases.candidates'] }).first().click();
    await page.locator('[data-testid=excluded]').waitFor();
    const reason = ja['reason.excluded_pair'];
    await page.locator('[data-testid=excluded]').getByText(reason).first().waitFor();
    const list = page.locator('[data-testid=candidates] > li');
    assert.ok(await list.count() > 0, 'at least one candidate');
    assert.ok(!reads.some((u) => u.startsWith('/v1/supporters')), `no supporter list read: ${reads.join(' ')}`);
    assert.ok(bytes > 0 && bytes < 60 * 1024, `candidates answer ${bytes} bytes`);
    // Beside the name: number, town, caseload, distance and shared times.
    const facts = await list.first().locator('.cand-facts').textContent();
    assert.match(facts, new RegExp(ja['candidates.number'].replace('{code}', '\\S+')));
    assert.match(facts, /担当中 \d+件／上限 \d+件/);
    assert.ok(facts.includes('km') || facts.includes(ja['candidates.noDistance']), facts);
    // The score bar is split by factor, each segment numbered as in the legend.
    const segs = list.first().locator('.scorebar .seg');
    assert.ok(await segs.count() > 0);
    assert.match(await segs.first().textContent(), /^[1-9]$/);
    await list.first().locator('summary').click();
    await shot(page, 'coordinator-candidates');
    const name = (await list.first().locator('.cand-head a').textContent()).trim();
    // Assigning asks first: cancelling creates nothing.
    page.once('dialog', (d) => d.dismiss());
    await list.first().getByRole('button', { name: ja['candidates.assign'] }).click();
    assert.equal((await apiOk('coordinator', 'GET', `/v1/assignments?case_id=${kase.id}`)).assignments.length, 0);
    let question = '';
    page.once('dialog', (d) => { question = d.message(); d.accept(); });
    await list.first().getByRole('button', { name: ja['candidates.assign'] }).click();
    await page.locator('main').getByText(ja['candidates.assigned'].replace('{name}', name)).waitFor();
    assert.ok(question.includes(name) && question.includes(kase.code), question);
    const asg = await apiOk('coordinator', 'GET', `/v1/assignments?case_id=${kase.id}`);
    assert.equal(asg.assignments.length, 1);
    // The supporter now assigned is marked in the list.
    await page.locator('[data-testid=already-assigned]').first().waitFor();
    assert.deepEqual(problems, []);
  });
});

test('coordinator: a case without consent to matching offers no candidates', async (t) => {
  const kase = await makeCase({ nickname: `同意なし${Date.now() % 100000}`, consent: { obtained_on: daysFromToday(-30), scope: ['support'] } });
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, `/app/cases/${kase.id}`);
    await page.getByRole('heading', { name: kase.nickname }).waitFor();
    assert.equal(await page.getByRole('link', { name: ja['cases.candidates'] }).count(), 0);
    await go(page, `/app/cases/${kase.id}/candidates`);
    await page.locator('[data-testid=no-consent]').waitFor();
    assert.deepEqual(problems, []);
  });
});

test('coordinator: batch matching preview, then commit', async (t) => {
  const a = await makeCase({ nickname: `一括A${Date.now() % 100000}` });
  const b = await makeCase({ nickname: `一括B${Date.now() % 100000}`, needs: ['phone'] });
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, '/app/matching');
    await page.getByText(a.nickname).waitFor();
    await page.getByRole('button', { name: ja['batch.preview'] }).click();
    const result = page.locator('[data-testid=batch-result]');
    await result.waitFor();
    await result.getByText(ja['batch.result']).waitFor();
    // Rows name their case by code and nickname, never "#id".
    const rows = result.locator('tbody tr');
    assert.ok(await rows.count() >= 1);
    assert.doesNotMatch(await result.locator('tbody').textContent(), /#\d/);
    // A row left out is previewed again without its case, and the commit
    // takes only the cases shown.
    const firstCase = (await rows.first().locator('td').first().textContent()).trim();
    assert.match(firstCase, /^C-\d{4}-\d{4} /);
    const before = await rows.count();
    await rows.first().getByRole('button', { name: ja['batch.leaveOutCase'].replace('{name}', firstCase) }).click();
    await page.locator('main').getByText(ja['batch.leftOut'].replace('{name}', firstCase), { exact: false }).waitFor();
    await page.waitForFunction((name) => ![...document.querySelectorAll('[data-testid=batch-result] tbody tr td:first-child')].some((td) => td.textContent.trim() === name), firstCase);
    const after = await rows.count();
    assert.ok(after <= before, `${after} rows after leaving one out of ${before}`);
    const commit = result.getByRole('button', { name: /確定する/ });
    await commit.click();
    await result.getByText(ja['batch.resultCommitted']).waitFor();
    const left = await apiOk('coordinator', 'GET', `/v1/cases?limit=200`);
    const leftCase = left.cases.find((c) => firstCase.startsWith(c.code));
    const leftAsg = await apiOk('coordinator', 'GET', `/v1/assignments?case_id=${leftCase.id}&active=true`);
    assert.equal(leftAsg.assignments.length, 0, 'the case left out was not assigned');
    const mine = await apiOk('coordinator', 'GET', `/v1/assignments?case_id=${a.id}`);
    const other = await apiOk('coordinator', 'GET', `/v1/assignments?case_id=${b.id}`);
    assert.ok(mine.assignments.length + other.assignments.length >= 1, 'the batch committed assignments');
    assert.deepEqual(problems, []);
  });
});

test('coordinator: approvals show case, amount and flags; several approved at once', async (t) => {
  const { assignment } = await assignmentFor('supporter1');
  const note = `一括承認テスト${Date.now() % 100000}`;
  const date = daysFromToday(-2);
  const ids = [];
  // Two reports on one day, the second at night with transport above any cap.
  for (const [start, transport] of [['10:00', 300], ['22:30', 49999]]) {
    const a = await apiOk('supporter1', 'POST', '/v1/activities', {
      assignment_id: assignment.id, date, start, minutes: 60, kind: 'home_visit', transport_yen: transport, note,
    });
    ids.push(a.id);
  }
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, '/app/approvals');
    const items = page.locator('[data-testid=approvals] > li', { hasText: note });
    await items.first().waitFor();
    assert.equal(await items.count(), 2);
    const night = items.filter({ hasText: '22:30' });
    const text = await night.textContent();
    assert.ok(text.includes(ja['approvals.flag.several_on_day']), text);
    assert.ok(text.includes(ja['approvals.flag.at_night']), text);
    assert.ok(text.includes(ja['approvals.flag.transport_over_cap'].split('{cap}')[0]), text);
    assert.ok(text.includes(ja['approvals.amountPending'].split('{yen}')[0].trim()), text);
    const kase = (await apiOk('coordinator', 'GET', `/v1/cases/${assignment.case_id}`));
    assert.ok(text.includes(kase.nickname), 'the case nickname is shown');
    for (let i = 0; i < 2; i++) await items.nth(i).getByRole('checkbox').check();
    let question = '';
    page.once('dialog', (d) => { question = d.message(); d.accept(); });
    await page.getByTestId('approve-chosen').click();
    await page.locator('main').getByText(ja['approvals.approvedN'].replace('{n}', '2')).waitFor();
    assert.ok(question.includes('2'), question);
    for (const id of ids) assert.equal((await apiOk('coordinator', 'GET', `/v1/activities/${id}`)).status, 'approved');
    assert.deepEqual(problems, []);
  });
});

test('coordinator: issuing statements warns about pending reports and asks first', async (t) => {
  const { assignment } = await assignmentFor('supporter1');
  const date = daysFromToday(-1);
  const month = date.slice(0, 7);
  await apiOk('supporter1', 'POST', '/v1/activities', {
    assignment_id: assignment.id, date, start: '10:00', minutes: 30, kind: 'phone', transport_yen: 0, note: '明細テスト',
  });
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    // The month of the pending report: a warning, and a question before issuing.
    await go(page, `/app/statements?month=${month}`);
    const warning = page.getByTestId('pending-warning');
    await warning.waitFor();
    assert.match(await warning.textContent(), /\d+件がまだ承認待ち/);
    const issueButton = page.getByRole('button', { name: /分を発行/ });
    if (await issueButton.isEnabled()) {
      let question = '';
      page.once('dialog', (d) => { question = d.message(); d.dismiss(); });
      await issueButton.click();
      await page.waitForFunction(() => true);
      assert.match(question, /承認待ち/);
      assert.equal((await apiOk('coordinator', 'GET', `/v1/payments/statements?month=${month}`)).issued, false);
    }
    // A month with nothing to pay, issued: never "0 issued" beside "not issued yet".
    await page.locator('#month').fill('2025-01');
    await page.getByRole('button', { name: '令和7年1月分を発行' }).waitFor();
    const button = page.getByRole('button', { name: /分を発行/ });
    if (await button.isEnabled()) {
      page.once('dialog', (d) => d.accept());
      await button.click();
      await page.locator('main .alert-ok').waitFor();
    }
    await page.getByText(ja['statements.issuedEmpty'].replace('{month}', '令和7年1月')).waitFor();
    const main = await page.locator('main').textContent();
    assert.ok(!main.includes(ja['statements.none']), main);
    assert.ok(!/0件の明細を発行/.test(main), main);
    assert.ok(main.includes('支払いの対象はありませんでした'), main);
    assert.deepEqual(problems, []);
  });
});

test('coordinator: supporters list filters and detail with training history', async (t) => {
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await page.locator('[data-testid=supporters] tbody tr').first().waitFor();
    const all = await page.locator('[data-testid=supporters] tbody tr').count();
    await page.locator('#f-qual').selectOption('lapsed');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=supporters] tbody tr').length !== n || !document.querySelector('[data-testid=supporters]'), all);
    const badges = await page.locator('[data-testid=supporters] tbody tr td:nth-child(5) .badge').allTextContents();
    assert.ok(badges.every((b) => b === ja['qualification.lapsed']));
    await page.locator('#f-qual').selectOption('');

    // The search goes to the server: a kana name typed in hiragana, without
    // its space, finds that supporter beyond the first page too.
    const roster = (await apiOk('coordinator', 'GET', '/v1/supporters?limit=200')).supporters;
    const who = roster.filter((s) => s.name_kana).at(-1);
    const hira = who.name_kana.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)).replace(/[ \u3000]/g, '');
    const expected = (await apiOk('coordinator', 'GET', `/v1/supporters?q=${encodeURIComponent(hira)}&limit=200`)).supporters.map((s) => s.name);
    assert.ok(expected.includes(who.name) && expected.length < roster.length, expected.join());
    await page.locator('#f-q').fill(hira);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=supporters] tbody tr').length === n, expected.length);
    const names = await page.locator('[data-testid=supporters] tbody tr td:first-child').allTextContents();
    assert.deepEqual(names, expected);

    // The CSV of what the filters select, as Excel reads it.
    await page.locator('#f-q').fill('');
    await page.locator('#f-status').selectOption('registered');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ja['supporters.csv'] }).click()]);
    assert.match(download.suggestedFilename(), /^サポーター一覧_\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff, 'a BOM');
    const lines = text.slice(1).trim().split('\r\n');
    assert.equal(lines[0], ['supporters.code', 'supporters.name', 'supporter.nameKana', 'supporters.municipality', 'supporters.status',
      'supporters.qualification', 'home.lastTraining', 'supporters.due', 'supporter.insuranceUntil', 'supporter.maxCases'].map((k) => ja[k]).join(','));
    let registered = 0;
    for (let cursor = null, first = true; first || cursor; first = false) {
      const x = await apiOk('coordinator', 'GET', `/v1/supporters?status=registered&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      registered += x.supporters.length;
      cursor = x.next_cursor;
    }
    assert.equal(lines.length - 1, registered);
    assert.ok(lines.slice(1).every((l) => l.includes(`,${ja['supporterStatus.registered']},`)), lines[1]);
    assert.ok(!/\+09:00/.test(text), 'plain dates');
    await page.locator('#f-status').selectOption('');
    await page.locator('[data-testid=supporters] tbody tr a').first().click();
    await page.getByRole('heading', { name: ja['supporter.trainingHistory'] }).waitFor();
    assert.deepEqual(problems, []);
  });
});

test('coordinator: the hosts list downloads its CSV', async (t) => {
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, '/app/hosts');
    await page.locator('[data-testid=hosts] tbody tr').first().waitFor();
    const rows = await page.locator('[data-testid=hosts] tbody tr').count();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ja['supporters.csv'] }).click()]);
    assert.match(download.suggestedFilename(), /^職親一覧_\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(lines[0], ['hosts.name', 'hosts.status', 'hosts.industry', 'cases.municipality', 'hosts.capacity'].map((k) => ja[k]).join(','));
    assert.equal(lines.length - 1, rows);
    assert.deepEqual(problems, []);
  });
});

test('auditor: training compliance and payments, audit log verified', async (t) => {
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'auditor');
    assert.equal(new URL(page.url()).pathname, '/app/compliance');
    await page.locator('[data-testid=compliance] .tile').first().waitFor();
    await page.getByRole('heading', { name: ja['compliance.byMunicipality'] }).waitFor();
    assert.ok(await page.locator('.stacked .stack-row').count() > 0);
    await shot(page, 'auditor-compliance');
    await go(page, '/app/payments');
    await page.locator('[data-testid=payments]').waitFor();
    await page.locator('.chart canvas').waitFor();
    assert.match(await page.locator('[data-testid=payments] h2').textContent(), /令和(\d+|元)年度/);
    await shot(page, 'auditor-payments');
    await go(page, '/app/audit-log');
    await page.getByRole('button', { name: ja['auditLog.verify'] }).click();
    await page.locator('[data-testid=verify-result]').getByText(/問題ありません/).waitFor();
    // No case identity reaches an auditor's pages.
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(!/C-\d{4}-\d{4}/.test(text));
    assert.deepEqual(problems, []);
  });
});
