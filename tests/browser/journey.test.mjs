// The two journeys issue 14 is measured by, each in one browser session and
// without curl: an administrator sets up a fiscal year (an organisation, its
// coordinator's account, the rates from 1 April, the year's budget), and a
// coordinator takes a case from inquiry to a paid month (a supporter
// trained and registered, the case taken in, assessed and matched, the
// supporter's report from the phone approved, the month issued and paid).
//
// The coordinator's journey runs in an organisation of its own, made for the
// test, so that last month's statements are still to be issued whatever the
// demo or the other tests did.  Only what staff cannot do in the browser by
// design is done through the API: the administrator's account for the new
// supporter (an account is the administrator's page, tested on its own in
// forms.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, apiOk, messages, shot, todayTokyo, ADMIN_PASSWORD, PASSWORD } from './lib.mjs';

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };
const uniq = () => `${process.pid % 1000}${Date.now() % 100000}`;
const field = (form, name) => form.locator(`[name="${name}"]`);
const unexpected = (problems) => problems.filter((p) => !/status of (409|412|422)/.test(p));

// Dates relative to today in Tokyo: the month before this one and its days.
function monthBefore(month, n = 1) {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}
const thisMonth = todayTokyo().slice(0, 7);
const lastMonth = monthBefore(thisMonth);
const fiscalYear = (() => { const [y, m] = thisMonth.split('-').map(Number); return m >= 4 ? y : y - 1; })();

// Japanese era label of a fiscal year, as the pages write it (令和N年度).
const reiwa = (fy) => `令和${fy - 2018}年度`;

test('admin: sets up next fiscal year — an organisation, its coordinator, rates from 1 April and the budget', async (t) => {
  const orgName = `那須塩原市福祉課${uniq()}`;
  const loginName = `nasushiobara-${uniq()}`;
  const next = fiscalYear + 1;
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'admin', ADMIN_PASSWORD);

    // The organisation, under the prefecture, with its place chosen by name.
    await page.getByRole('navigation').getByRole('link', { name: ja['nav.organisations'], exact: true }).click();
    await page.locator('[data-testid=organisations]').waitFor();
    await page.getByRole('button', { name: ja['orgs.new'] }).click();
    const org = page.locator('form#org-new');
    await field(org, 'name').fill(orgName);
    await field(org, 'kind').selectOption('municipality');
    // The places of the installation's prefecture are offered by name.
    await org.locator('datalist option[value="092134"]').waitFor({ state: 'attached' });
    assert.equal(await org.locator('datalist option[value="092134"]').textContent(), '栃木県那須塩原市');
    await field(org, 'municipality_code').fill('092134');
    await org.getByText(ja['form.municipalityName'].replace('{name}', '栃木県那須塩原市')).waitFor();
    await field(org, 'parent_id').selectOption({ label: `栃木県（${ja['orgKind.prefecture']}）` });
    await org.getByRole('button', { name: ja['orgs.create'] }).click();
    await page.locator('main .alert-ok').getByText(ja['orgs.created'].replace('{name}', orgName)).waitFor();
    const made = (await apiOk('admin', 'GET', '/v1/organisations?limit=200')).organisations.find((o) => o.name === orgName);
    assert.equal(made.municipality_code, '092134');
    assert.equal(made.kind, 'municipality');
    assert.ok(made.parent_id, 'under the prefecture');
    await shot(page, 'admin-organisations');

    // Its coordinator's account.
    await page.getByRole('navigation').getByRole('link', { name: ja['nav.users'] }).click();
    await page.getByRole('button', { name: ja['users.new'] }).click();
    const user = page.locator('form#user-new');
    await field(user, 'login').fill(loginName);
    await field(user, 'password').fill('nasu-shiobara-kyouiku-2027');
    await field(user, 'role').selectOption('coordinator');
    await field(user, 'organisation_id').selectOption({ label: `${orgName}（${ja['orgKind.municipality']}）` });
    await user.getByRole('button', { name: ja['users.create'] }).click();
    await page.locator('main .alert-ok').waitFor();
    const u = (await apiOk('admin', 'GET', '/v1/users')).users.find((x) => x.login === loginName);
    assert.equal(u.organisation_id, made.id);

    // Rates from 1 April of the next fiscal year.
    await page.getByRole('navigation').getByRole('link', { name: ja['nav.rates'] }).click();
    const rates = page.locator('form#rate-new');
    const from = `${next}-04-01`;
    await field(rates, 'effective_from').fill(from);
    await field(rates, 'honorarium_per_activity_yen').fill('0');
    await field(rates, 'honorarium_per_hour_yen').fill('1100');
    await field(rates, 'transport_cap_yen').fill('1000');
    await field(rates, 'host_stipend_per_day_yen').fill('1500');
    let question = '';
    page.once('dialog', (d) => { question = d.message(); d.accept(); });
    await rates.getByRole('button', { name: ja['rates.create'] }).click();
    await page.locator('main .alert-ok').waitFor();
    assert.ok(question.includes(`${next}年4月1日`) || question.includes('4月1日'), question);
    const set = (await apiOk('admin', 'GET', '/v1/rates')).rate_sets.find((x) => x.effective_from === from);
    assert.equal(set.honorarium_per_hour_yen, 1100);

    // The year's budget, then the auditor's view of that year shows it.
    await page.getByRole('navigation').getByRole('link', { name: ja['nav.budgets'] }).click();
    const budget = page.locator('form#budget-new');
    await field(budget, 'fiscal_year').fill(String(next));
    await field(budget, 'amount_yen').fill('4200000');
    page.once('dialog', (d) => d.accept());
    await budget.getByRole('button', { name: ja['budgets.save'] }).click();
    await page.locator('main .alert-ok').getByText(ja['budgets.saved'].replace('{fy}', reiwa(next))).waitFor();
    await page.locator('[data-testid=budgets]').getByText('4,200,000').waitFor();
    await page.getByRole('link', { name: ja['budgets.seePayments'] }).click();
    await page.waitForURL('**/app/payments**');
    await page.locator('#fy').selectOption(String(next));
    await page.locator('[data-testid=payments]').getByRole('heading', { name: reiwa(next) }).waitFor();
    await page.locator('[data-testid=payments]').getByText('4,200,000').first().waitFor();
    assert.deepEqual(unexpected(problems), []);
  });
});

test('coordinator: a case from inquiry to a paid month, all in the browser', async (t) => {
  // An organisation of its own (the administrator's part, tested above).
  const tag = uniq();
  const org = await apiOk('admin', 'POST', '/v1/organisations', {
    name: `大田原市相談室${tag}`, kind: 'municipality', municipality_code: '092100',
  });
  const coordinator = `otawara-${tag}`;
  await apiOk('admin', 'POST', '/v1/users', { login: coordinator, password: PASSWORD, role: 'coordinator', organisation_id: org.id });

  const registeredOn = `${monthBefore(thisMonth, 2)}-01`;
  const trainedOn = `${monthBefore(thisMonth, 3)}-20`;
  const startsOn = `${lastMonth}-02`;
  const visitedOn = `${lastMonth}-10`;
  const supporterName = `大田 花子${tag}`;
  const nickname = `受付${tag}さん`;

  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, coordinator);

    // 1. A supporter: new, trained (養成研修), registered.
    await go(page, '/app/supporters/new');
    const sup = page.locator('form#supporter-new');
    await field(sup, 'name').fill(supporterName);
    await field(sup, 'gender').selectOption('female');
    await field(sup, 'municipality_code').fill('092100');
    await sup.locator('[name="peer_experience"][value="family"]').check();
    await sup.locator('[name="skills"][value="home_visit"]').check();
    await field(sup, 'max_cases').fill('2');
    await field(sup, 'insurance_until').fill(`${fiscalYear + 1}-03-31`);
    await sup.getByRole('button', { name: ja['supporters.create'] }).click();
    await page.getByRole('heading', { name: supporterName, level: 1 }).waitFor();
    const supporterId = Number(new URL(page.url()).pathname.split('/').pop());
    const training = page.locator('form#training');
    await field(training, 'kind').selectOption('initial');
    await field(training, 'completed_on').fill(trainedOn);
    await training.getByRole('button', { name: ja['supporter.addTraining'] }).click();
    await page.locator('main table').getByText(ja['training.initial']).waitFor();
    await page.getByRole('button', { name: ja['supporter.step.register'] }).click();
    const reg = page.locator('form#step-register-form');
    await field(reg, 'registered_on').fill(registeredOn);
    await reg.getByRole('button', { name: ja['supporter.step.register'] }).click();
    await page.locator('main').getByText(ja['supporter.registerDone']).waitFor();
    const s = await apiOk(coordinator, 'GET', `/v1/supporters/${supporterId}`);
    assert.equal(s.status, 'registered');
    assert.equal(s.organisation_id, org.id);

    // 2. The inquiry: a case taken in with consent to matching and support.
    await go(page, '/app/cases/new');
    const form = page.locator('form#case-new');
    await field(form, 'nickname').fill(nickname);
    await field(form, 'municipality_code').fill('092100');
    await field(form, 'age_band').selectOption('20s');
    await field(form, 'gender').selectOption('male');
    await field(form, 'household').selectOption('three_plus');
    await form.locator('[name="needs"][value="home_visit"]').check();
    await field(form, 'consent.obtained_on').fill(`${lastMonth}-01`);
    await form.locator('[name="consent.scope"][value="matching"]').check();
    await form.locator('[name="consent.scope"][value="support"]').check();
    await form.getByRole('button', { name: ja['cases.create'] }).click();
    await page.getByRole('heading', { name: nickname, level: 1 }).waitFor();
    const caseId = Number(new URL(page.url()).pathname.split('/').pop());

    // 3. Assessment, then matching.
    await page.getByRole('button', { name: ja['cases.step.assessment'] }).click();
    const asmt = page.locator('form#case-assessment');
    await field(asmt, 'held_on').fill(`${lastMonth}-01`);
    await field(asmt, 'participants').fill('coordinator\n本人の母');
    await field(asmt, 'summary').fill('月2回の訪問から始める');
    await asmt.getByRole('button', { name: ja['cases.step.assessment'] }).click();
    await page.locator('main .alert-ok').getByText(ja['cases.assessed']).waitFor();
    await page.getByRole('button', { name: ja['cases.step.matching'] }).click();
    await page.locator('form#case-matching').getByRole('button', { name: ja['cases.step.matching'] }).click();
    await page.locator('main .alert-ok').getByText(ja['cases.matchingStarted']).waitFor();

    // 4. Candidates on the first visit's date; assign after confirming.
    await page.getByRole('link', { name: ja['cases.candidates'] }).first().click();
    await page.waitForURL(`**/app/cases/${caseId}/candidates**`);
    await page.locator('#on').fill(startsOn);
    const mine = page.locator('ol li', { hasText: supporterName });
    await mine.waitFor();
    let question = '';
    page.once('dialog', (d) => { question = d.message(); d.accept(); });
    await mine.getByRole('button', { name: ja['candidates.assign'] }).click();
    await page.locator('main').getByText(ja['candidates.assigned'].replace('{name}', supporterName)).waitFor();
    assert.ok(question.includes(supporterName), question);
    const asg = (await apiOk(coordinator, 'GET', `/v1/assignments?case_id=${caseId}`)).assignments;
    assert.equal(asg.length, 1);
    assert.equal(asg[0].starts_on, startsOn);
    await shot(page, 'journey-candidates');

    // 5. The supporter's account (the administrator's), and the report from
    //    the phone, for a day last month.
    const supLogin = `hanako-${tag}`;
    await apiOk('admin', 'POST', '/v1/users', { login: supLogin, password: PASSWORD, role: 'supporter', supporter_id: supporterId });
    await withBrowser({ name: 'journey-supporter-report' }, {}, async ({ page: phone, problems: phoneProblems }) => {
      await login(phone, supLogin);
      await go(phone, '/app/report');
      await phone.locator('[data-testid=report-form]').waitFor();
      await phone.locator('#date').fill(visitedOn);
      await phone.locator('#start').fill('14:00');
      await phone.locator('input[name=kind][value=home_visit]').check();
      await phone.locator('#minutes').fill('90');
      await phone.locator('#transport_yen').fill('640');
      await phone.locator('#note').fill('玄関先で15分話せた');
      await phone.getByRole('button', { name: ja['report.submit'] }).click();
      await phone.locator('main').getByText(ja['report.sent']).waitFor();
      assert.deepEqual(phoneProblems, []);
    });

    // 6. Approval.
    await page.getByRole('navigation').getByRole('link', { name: ja['nav.approvals'] }).click();
    const item = page.locator('[data-testid=approvals] > li', { hasText: nickname });
    await item.waitFor();
    await item.getByRole('checkbox').check();
    page.once('dialog', (d) => d.accept());
    await page.getByTestId('approve-chosen').click();
    await page.locator('main').getByText(ja['approvals.approvedN'].replace('{n}', '1')).waitFor();

    // 7. Last month's statements: issued (nothing waits), then paid.
    await page.getByRole('navigation').getByRole('link', { name: ja['nav.statements'] }).click();
    await page.locator('#month').fill(lastMonth);
    await page.locator('#month').dispatchEvent('change');
    const issue = page.getByRole('button', { name: /分を発行/ });
    await page.waitForFunction(() => !document.querySelector('[data-testid=pending-warning]'));
    page.once('dialog', (d) => d.accept());
    await issue.click();
    const row = page.locator('[data-testid=statements] tbody tr', { hasText: supporterName });
    await row.waitFor();
    const statements = (await apiOk(coordinator, 'GET', `/v1/payments/statements?month=${lastMonth}`)).statements;
    assert.equal(statements.length, 1, 'one payee in this organisation');
    const st = statements[0];
    // 90 minutes at the hourly honorarium in force, plus the transport (capped).
    assert.ok(st.total_yen > 0, `a statement that pays: ${JSON.stringify(st)}`);
    assert.ok((await row.textContent()).includes(st.total_yen.toLocaleString('ja-JP')));
    await row.getByRole('button', { name: ja['statements.markPaid'] }).click();
    await row.getByText(/\d+年\d+月\d+日/).waitFor();
    const paid = await apiOk(coordinator, 'GET', `/v1/payments/statements/${st.id}`);
    assert.equal(paid.paid_on, todayTokyo());
    assert.ok(paid.lines.some((l) => l.earned_on === visitedOn), 'the line is the report of that day');
    await shot(page, 'journey-paid');
    assert.deepEqual(unexpected(problems), []);
  });
});
