// The staff workspace's forms (issue 14), end to end against the real API:
// each form is filled by its controls' `name` (the API member names),
// submitted, and the created or changed record is seen on the page and
// through the API.  Every form also meets a refusal: the server's 422 lands
// next to its field (aria-invalid, aria-describedby to a Japanese message,
// never the raw field name) and what was typed is still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, apiOk, daysFromToday, messages, shot, ADMIN_PASSWORD, makeCase } from './lib.mjs';

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };
const uniq = () => `${process.pid % 1000}${Date.now() % 100000}`;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

// Page errors and console errors, but the refusals the tests provoke (the
// browser logs every 4xx answer).
const unexpected = (problems) => problems.filter((p) => !/status of (409|412|422)/.test(p));

// The control named `name` in the form `form` (a locator).
const field = (form, name) => form.locator(`[name="${name}"]`);

// Checks that the control is marked invalid and described by a Japanese
// message that does not show the API's field name.
async function assertRefused(form, name, apiName = name) {
  const el = field(form, name).first();
  await form.locator(`[name="${name}"][aria-invalid="true"]`).first().waitFor();
  const ids = (await el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  const texts = [];
  for (const id of ids) texts.push((await form.locator(`#${id}`).textContent()).trim());
  const message = texts.find((x) => x && ids.some((id) => id.endsWith('-error')));
  assert.ok(message, `an error message describes ${name}`);
  assert.match(message, JAPANESE, `the message for ${name} is Japanese: ${message}`);
  assert.ok(!message.includes(apiName), `no raw field name in "${message}"`);
  return message;
}

test('coordinator: new supporter — required check, a refusal next to its field, values kept, created', async (t) => {
  const name = `フォーム 花子${uniq()}`;
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await page.getByRole('link', { name: ja['supporters.new'] }).click();
    await page.waitForURL('**/app/supporters/new');
    const form = page.locator('form#supporter-new');
    // Nothing typed: the page itself says what is missing, in a summary and
    // next to each required field.
    await form.getByRole('button', { name: ja['supporters.create'] }).click();
    await form.locator('[data-testid=form-summary]').waitFor();
    await assertRefused(form, 'name');
    assert.equal(await field(form, 'gender').getAttribute('aria-invalid'), 'true');

    await field(form, 'name').fill(name);
    await field(form, 'name_kana').fill('ふぉーむ はなこ');
    await field(form, 'gender').selectOption('female');
    await field(form, 'birth_year').fill('1975');
    await field(form, 'municipality_code').fill('092012'); // a wrong check digit
    await field(form, 'occupation').fill('社会福祉士');
    await form.locator('[name="peer_experience"][value="family"]').check();
    await form.locator('[name="skills"][value="phone"]').check();
    await form.locator('[name="skills"][value="home_visit"]').check();
    await field(form, 'interests').fill('将棋、散歩');
    await field(form, 'max_cases').fill('3');
    await field(form, 'insurance_until').fill(daysFromToday(200));
    await form.getByRole('button', { name: ja['form.addRow'] }).click();
    await field(form, 'availability[0].weekday').selectOption('2');
    await field(form, 'availability[0].from').fill('13:00');
    await field(form, 'availability[0].to').fill('10:00'); // before its start
    await form.getByRole('button', { name: ja['supporters.create'] }).click();

    await assertRefused(form, 'municipality_code');
    await form.locator('[name^="availability[0]"][aria-invalid="true"]').first().waitFor();
    await shot(page, 'forms-supporter-refused');
    // Nothing typed is lost.
    assert.equal(await field(form, 'name').inputValue(), name);
    assert.equal(await field(form, 'occupation').inputValue(), '社会福祉士');
    assert.equal(await field(form, 'interests').inputValue(), '将棋、散歩');
    assert.ok(await form.locator('[name="skills"][value="phone"]').isChecked());
    assert.equal(await field(form, 'availability[0].from').inputValue(), '13:00');
    // The summary names the fields by their labels, never by API names.
    const summary = await form.locator('[data-testid=form-summary]').textContent();
    assert.ok(summary.includes(ja['supporters.municipality']));
    assert.ok(!summary.includes('municipality_code'));

    await field(form, 'municipality_code').fill('092011');
    await field(form, 'availability[0].to').fill('17:00');
    await form.getByRole('button', { name: ja['supporters.create'] }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.locator('main').getByText(ja['supporters.created']).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const s = await apiOk('coordinator', 'GET', `/v1/supporters/${id}`);
    assert.equal(s.status, 'applicant');
    assert.equal(s.municipality_code, '092011');
    assert.equal(s.max_cases, 3);
    assert.equal(s.birth_year, 1975);
    assert.deepEqual([...s.skills].sort(), ['home_visit', 'phone']);
    assert.deepEqual(s.interests, ['将棋', '散歩']);
    assert.deepEqual(s.availability, [{ weekday: 2, from: '13:00', to: '17:00' }]);
    assert.deepEqual(unexpected(problems), []);
  });
});

test('coordinator: supporter detail — edit with If-Match (a stale copy is refused), training, register, suspend with a reason', async (t) => {
  const s = await apiOk('coordinator', 'POST', '/v1/supporters', {
    name: `編集 一郎${uniq()}`, gender: 'male', municipality_code: '092011', peer_experience: 'none', max_cases: 2,
  });
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, `/app/supporters/${s.id}`);
    await page.getByRole('heading', { name: s.name, level: 1 }).waitFor();
    await page.getByRole('button', { name: ja['supporter.edit'] }).click();
    const form = page.locator('form#supporter-edit');
    assert.equal(await field(form, 'name').inputValue(), s.name);
    await field(form, 'max_cases').fill('25');
    await field(form, 'occupation').fill('保健師');
    await form.getByRole('button', { name: ja['form.save'] }).click();
    await assertRefused(form, 'max_cases');
    assert.equal(await field(form, 'occupation').inputValue(), '保健師');
    await field(form, 'max_cases').fill('4');
    await form.getByRole('button', { name: ja['form.save'] }).click();
    await page.locator('main').getByText(ja['form.saved']).first().waitFor();
    let now = await apiOk('coordinator', 'GET', `/v1/supporters/${s.id}`);
    assert.equal(now.max_cases, 4);
    assert.equal(now.occupation, '保健師');

    // Somebody else changes the record meanwhile: the page's copy is stale.
    await page.getByRole('button', { name: ja['supporter.edit'] }).click();
    await apiOk('coordinator', 'PATCH', `/v1/supporters/${s.id}`, { occupation: '看護師' });
    const again = page.locator('form#supporter-edit');
    await field(again, 'max_cases').fill('5');
    await again.getByRole('button', { name: ja['form.save'] }).click();
    await again.locator('[data-testid=form-problem]').getByText(ja['form.err.stale']).waitFor();
    assert.equal(await field(again, 'max_cases').inputValue(), '5');
    now = await apiOk('coordinator', 'GET', `/v1/supporters/${s.id}`);
    assert.equal(now.max_cases, 4, 'nothing written over the other change');

    // A training, then registration, then a suspension with its reason.
    await page.reload();
    const training = page.locator('form#training');
    await field(training, 'kind').selectOption('initial');
    await field(training, 'completed_on').fill(daysFromToday(-20));
    await training.getByRole('button', { name: ja['supporter.addTraining'] }).click();
    await page.locator('main table').getByText(ja['training.initial']).waitFor();
    await page.getByRole('button', { name: ja['supporter.step.register'] }).click();
    await page.locator('form#step-register-form').getByRole('button', { name: ja['supporter.step.register'] }).click();
    await page.locator('main').getByText(ja['supporter.registerDone']).waitFor();
    await page.getByRole('button', { name: ja['supporter.step.suspend'] }).click();
    const suspend = page.locator('form#step-suspend-form');
    await suspend.getByRole('button', { name: ja['supporter.step.suspend'] }).click();
    await assertRefused(suspend, 'reason'); // required on the page
    await field(suspend, 'reason').fill('体調不良のため本人の申し出');
    await suspend.getByRole('button', { name: ja['supporter.step.suspend'] }).click();
    await page.locator('main').getByText(ja['supporter.suspendDone']).waitFor();
    now = await apiOk('coordinator', 'GET', `/v1/supporters/${s.id}`);
    assert.equal(now.status, 'suspended');
    assert.equal(now.status_history.at(-1).reason, '体調不良のため本人の申し出');
    assert.ok(now.code, 'registered with a supporter number');
    assert.deepEqual(unexpected(problems), []);
  });
});

test('coordinator: case intake with consent and agency, a nested refusal, then assessment, matching, plan, exclusion and close', async (t) => {
  const nickname = `受付${uniq()}さん`;
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, '/app/cases');
    await page.getByRole('link', { name: ja['cases.new'] }).click();
    await page.waitForURL('**/app/cases/new');
    const form = page.locator('form#case-new');
    await field(form, 'nickname').fill(nickname);
    await field(form, 'municipality_code').fill('092011');
    await field(form, 'age_band').selectOption('30s');
    await field(form, 'gender').selectOption('male');
    await field(form, 'household').selectOption('two');
    await field(form, 'withdrawal_years').fill('5');
    await form.locator('[name="needs"][value="accompany"]').check();
    await field(form, 'interests').fill('鉄道');
    await field(form, 'referred_by').selectOption('welfare_office');
    await field(form, 'referring_agency').fill('生活福祉課');
    await field(form, 'consent.obtained_on').fill(daysFromToday(3)); // in the future: the server refuses it
    await form.locator('[name="consent.scope"][value="matching"]').check();
    await form.locator('[name="consent.scope"][value="support"]').check();
    // The agency appears, and is required, only with consent to share.
    assert.equal(await field(form, 'consent.agency').count(), 0);
    await form.locator('[name="consent.scope"][value="share_with_agency"]').check();
    await field(form, 'consent.agency').waitFor();
    await field(form, 'preferences.supporter_gender').selectOption('male');
    await form.getByRole('button', { name: ja['form.addRow'] }).click();
    await field(form, 'preferences.availability[0].weekday').selectOption('3');
    await field(form, 'preferences.availability[0].from').fill('10:00');
    await field(form, 'preferences.availability[0].to').fill('12:00');
    await form.getByRole('button', { name: ja['cases.create'] }).click();
    await assertRefused(form, 'consent.agency', 'agency'); // the page's own check first
    await field(form, 'consent.agency').fill('ひきこもり地域支援センター');
    await form.getByRole('button', { name: ja['cases.create'] }).click();
    await assertRefused(form, 'consent.obtained_on', 'obtained_on');
    assert.equal(await field(form, 'nickname').inputValue(), nickname);
    assert.equal(await field(form, 'consent.agency').inputValue(), 'ひきこもり地域支援センター');
    assert.ok(await form.locator('[name="consent.scope"][value="share_with_agency"]').isChecked());
    await field(form, 'consent.obtained_on').fill(daysFromToday(-1));
    await form.getByRole('button', { name: ja['cases.create'] }).click();
    await page.getByRole('heading', { name: nickname, level: 1 }).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    let c = await apiOk('coordinator', 'GET', `/v1/cases/${id}`);
    assert.equal(c.status, 'inquiry');
    assert.deepEqual(c.consent, { obtained_on: daysFromToday(-1), scope: ['matching', 'support', 'share_with_agency'], agency: 'ひきこもり地域支援センター' });
    assert.equal(c.preferences.supporter_gender, 'male');
    assert.deepEqual(c.preferences.availability, [{ weekday: 3, from: '10:00', to: '12:00' }]);
    assert.equal(c.withdrawal_years, 5);

    // Edit: only what changed is sent (with If-Match).
    await page.getByRole('button', { name: ja['cases.step.edit'] }).click();
    const edit = page.locator('form#case-edit');
    await field(edit, 'household').selectOption('single');
    await edit.getByRole('button', { name: ja['form.save'] }).click();
    await page.locator('main .alert-ok').getByText(ja['form.saved']).waitFor();
    c = await apiOk('coordinator', 'GET', `/v1/cases/${id}`);
    assert.equal(c.household, 'single');
    assert.equal(c.consent.agency, 'ひきこもり地域支援センター');

    // Assessment → assessed; matching → matching; a plan; an exclusion.
    await page.getByRole('button', { name: ja['cases.step.assessment'] }).click();
    const asmt = page.locator('form#case-assessment');
    await field(asmt, 'participants').fill('coordinator\n生活福祉課');
    await field(asmt, 'summary').fill('外出の同行から始める');
    await asmt.getByRole('button', { name: ja['cases.step.assessment'] }).click();
    await page.locator('main .alert-ok').getByText(ja['cases.assessed']).waitFor();
    await page.getByRole('button', { name: ja['cases.step.matching'] }).click();
    await page.locator('form#case-matching').getByRole('button', { name: ja['cases.step.matching'] }).click();
    await page.locator('main .alert-ok').getByText(ja['cases.matchingStarted']).waitFor();
    await page.getByRole('button', { name: ja['cases.step.plan'] }).click();
    const plan = page.locator('form#case-plan');
    await field(plan, 'goals').fill('週1回の外出\n図書館の利用');
    await field(plan, 'review_on').fill(daysFromToday(-5)); // in the past: refused by the server
    await plan.getByRole('button', { name: ja['cases.step.plan'] }).click();
    await assertRefused(plan, 'review_on');
    assert.equal(await field(plan, 'goals').inputValue(), '週1回の外出\n図書館の利用');
    await field(plan, 'review_on').fill(daysFromToday(90));
    await plan.getByRole('button', { name: ja['cases.step.plan'] }).click();
    await page.locator('main .alert-ok').getByText(ja['cases.planSaved']).waitFor();
    await page.getByRole('button', { name: ja['cases.step.exclusion'] }).click();
    const exc = page.locator('form#case-exclusion');
    await field(exc, 'supporter_id').selectOption({ index: 1 });
    await field(exc, 'reason').selectOption('request');
    await exc.getByRole('button', { name: ja['cases.step.exclusion'] }).click();
    await page.locator('main .alert-ok').getByText(ja['cases.excluded']).waitFor();
    c = await apiOk('coordinator', 'GET', `/v1/cases/${id}`);
    assert.equal(c.status, 'matching');
    assert.deepEqual(c.plan.goals, ['週1回の外出', '図書館の利用']);
    assert.deepEqual(c.assessments[0].participants, ['coordinator', '生活福祉課']);
    const ex = await apiOk('coordinator', 'GET', `/v1/cases/${id}/exclusions`);
    assert.equal(ex.exclusions.length, 1);

    // Close, after a confirmation.
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: ja['cases.step.close'] }).click();
    const close = page.locator('form#case-close');
    await field(close, 'reason').selectOption('goal_reached');
    await close.getByRole('button', { name: ja['cases.step.close'] }).click();
    await page.locator('main .alert-ok').getByText(ja['cases.closed']).waitFor();
    c = await apiOk('coordinator', 'GET', `/v1/cases/${id}`);
    assert.equal(c.status, 'closed');
    assert.equal(c.close_reason, 'goal_reached');
    assert.deepEqual(unexpected(problems), []);
  });
});

test('coordinator: new host with a refusal, survey, edit, suspend and reinstate', async (t) => {
  const name = `テスト農園${uniq()}（架空）`;
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, '/app/hosts');
    await page.getByRole('link', { name: ja['hosts.new'] }).click();
    await page.waitForURL('**/app/hosts/new');
    const form = page.locator('form#host-new');
    await field(form, 'name').fill(name);
    await field(form, 'municipality_code').fill('090000'); // the prefecture itself: refused
    await field(form, 'industry').fill('農業');
    await field(form, 'capacity_per_day').fill('2');
    await form.locator('[name="weekdays_open"][value="5"]').uncheck();
    await form.locator('[name="weekdays_open"][value="6"]').check();
    await form.getByRole('button', { name: ja['hosts.create'] }).click();
    await assertRefused(form, 'municipality_code');
    assert.equal(await field(form, 'industry').inputValue(), '農業');
    assert.ok(await form.locator('[name="weekdays_open"][value="6"]').isChecked());
    await field(form, 'municipality_code').fill('092011');
    await form.getByRole('button', { name: ja['hosts.create'] }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    let h = await apiOk('coordinator', 'GET', `/v1/hosts/${id}`);
    assert.equal(h.status, 'applied');
    assert.deepEqual(h.weekdays_open, [1, 2, 3, 4, 6]);
    assert.equal(h.capacity_per_day, 2);

    const survey = page.locator('form#host-survey');
    await field(survey, 'notes').fill('作業場は段差なし');
    await survey.getByRole('button', { name: ja['hosts.saveSurvey'] }).click();
    await page.locator('main .alert-ok').getByText(ja['hosts.surveySaved']).waitFor();
    await page.getByRole('button', { name: ja['hosts.step.edit'] }).click();
    const edit = page.locator('form#host-edit');
    await field(edit, 'contact_person').fill('受入 担当');
    await edit.getByRole('button', { name: ja['form.save'] }).click();
    await page.locator('main .alert-ok').getByText(ja['form.saved']).waitFor();
    await page.getByRole('button', { name: ja['hosts.step.suspend'] }).click();
    const suspend = page.locator('form#host-suspend');
    await field(suspend, 'reason').fill('繁忙期のため');
    await suspend.getByRole('button', { name: ja['hosts.step.suspend'] }).click();
    await page.locator('main .alert-ok').getByText(ja['hosts.suspendDone']).waitFor();
    h = await apiOk('coordinator', 'GET', `/v1/hosts/${id}`);
    assert.equal(h.status, 'suspended');
    assert.equal(h.contact_person, '受入 担当');
    await page.getByRole('button', { name: ja['hosts.step.reinstate'] }).click();
    await page.locator('form#host-reinstate').getByRole('button', { name: ja['hosts.step.reinstate'] }).click();
    await page.locator('main .alert-ok').getByText(ja['hosts.reinstateDone']).waitFor();
    h = await apiOk('coordinator', 'GET', `/v1/hosts/${id}`);
    assert.equal(h.status, 'registered');
    assert.deepEqual(unexpected(problems), []);
  });
});

test('admin: an account (a weak password refused next to its field), its role changed and disabled', async (t) => {
  const loginName = `desk-${uniq()}`;
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: ja['nav.users'] }).click();
    await page.locator('[data-testid=users]').waitFor();
    await page.getByRole('button', { name: ja['users.new'] }).click();
    const form = page.locator('form#user-new');
    await field(form, 'login').fill(loginName);
    await field(form, 'password').fill('password1234');
    await field(form, 'role').selectOption('coordinator');
    await field(form, 'organisation_id').selectOption({ index: 1 });
    await field(form, 'email').fill('desk@example.jp');
    await form.getByRole('button', { name: ja['users.create'] }).click();
    await assertRefused(form, 'password');
    assert.equal(await field(form, 'login').inputValue(), loginName);
    assert.equal(await field(form, 'email').inputValue(), 'desk@example.jp');
    // A supporter account needs its supporter: the control appears with the role.
    await field(form, 'role').selectOption('supporter');
    await field(form, 'supporter_id').waitFor();
    await field(form, 'role').selectOption('coordinator');
    await field(form, 'password').fill('kesshite-wasurenai-7392');
    await form.getByRole('button', { name: ja['users.create'] }).click();
    await page.locator('main .alert-ok').waitFor();
    const row = page.locator('[data-testid=users] tr', { hasText: loginName });
    await row.getByText(ja['role.coordinator']).waitFor();
    let u = (await apiOk('admin', 'GET', '/v1/users')).users.find((x) => x.login === loginName);
    assert.equal(u.email, 'desk@example.jp');

    await row.getByRole('button', { name: ja['users.editOf'].replace('{login}', loginName) }).click();
    const edit = page.locator('form#user-edit');
    await field(edit, 'role').selectOption('auditor');
    await field(edit, 'disabled').check();
    await edit.getByRole('button', { name: ja['form.save'] }).click();
    await page.locator('main .alert-ok').getByText(ja['users.saved'].replace('{login}', loginName)).waitFor();
    await row.getByText(ja['users.isDisabled']).waitFor();
    u = (await apiOk('admin', 'GET', '/v1/users')).users.find((x) => x.login === loginName);
    assert.equal(u.role, 'auditor');
    assert.equal(u.disabled, true);
    assert.deepEqual(unexpected(problems), []);
  });
});

test('admin: a supporter account linked by search — hiragana finds the kana, the whole registry is never read', async (t) => {
  const tag = uniq();
  const s = await apiOk('coordinator', 'POST', '/v1/supporters', {
    name: `検索 花子${tag}`, name_kana: 'ケンサク ハナコ', gender: 'female', municipality_code: '092011', peer_experience: 'none',
  });
  const loginName = `kensaku-${tag}`;
  await withBrowser(t, desk, async ({ page, problems }) => {
    const lists = [];
    page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname === '/v1/supporters') lists.push(u.search); });
    await login(page, 'admin', ADMIN_PASSWORD);
    await go(page, '/app/users');
    await page.getByRole('button', { name: ja['users.new'] }).click();
    const form = page.locator('form#user-new');
    await field(form, 'login').fill(loginName);
    await field(form, 'password').fill('kensaku-hanako-2026-x');
    await field(form, 'role').selectOption('supporter');
    await form.getByLabel(ja['form.supporterSearch']).fill(`けんさく　はなこ`);
    await form.getByText(ja['form.foundN'].replace('{n}', '1')).waitFor();
    await field(form, 'supporter_id').selectOption(String(s.id));
    assert.match(await field(form, 'supporter_id').locator('option:checked').textContent(), new RegExp(`検索 花子${tag}`));
    await form.getByRole('button', { name: ja['users.create'] }).click();
    await page.locator('main .alert-ok').waitFor();
    const u = (await apiOk('admin', 'GET', '/v1/users')).users.find((x) => x.login === loginName);
    assert.equal(u.supporter_id, s.id);
    // The picker read 20 at a time and searched; it never paged the registry.
    assert.ok(lists.length >= 2, lists.join(' '));
    for (const q of lists) assert.match(q, /limit=20/, q);
    assert.ok(lists.some((q) => /[?&]q=/.test(q)), lists.join(' '));
    assert.deepEqual(unexpected(problems), []);
  });
});

test('admin: a new effective-dated rate set (a refusal per kind) and a fiscal year\'s budget', async (t) => {
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await go(page, '/app/settings/rates');
    const form = page.locator('form#rate-new');
    const from = daysFromToday(400 + (Date.now() % 300));
    await field(form, 'effective_from').fill(from);
    await field(form, 'honorarium_per_activity_yen').fill('1000');
    await field(form, 'honorarium_per_hour_yen').fill('1200');
    await field(form, 'transport_cap_yen').fill('800');
    await field(form, 'host_stipend_per_day_yen').fill('1500');
    if (!await form.locator('details.field-group').evaluate((d) => d.open)) await form.locator('details summary').getByText(ja['rates.byKind']).click();
    await field(form, 'by_kind.phone.honorarium_per_hour_yen').fill('-5');
    page.on('dialog', (d) => d.accept());
    await form.getByRole('button', { name: ja['rates.create'] }).click();
    await assertRefused(form, 'by_kind.phone.honorarium_per_hour_yen', 'honorarium_per_hour_yen');
    assert.equal(await field(form, 'transport_cap_yen').inputValue(), '800');
    await field(form, 'by_kind.phone.honorarium_per_hour_yen').fill('600');
    await form.getByRole('button', { name: ja['rates.create'] }).click();
    await page.locator('main .alert-ok').waitFor();
    const table = await apiOk('admin', 'GET', '/v1/rates');
    const set = table.rate_sets.find((x) => x.effective_from === from);
    assert.equal(set.honorarium_per_hour_yen, 1200);
    assert.equal(set.by_kind.phone.honorarium_per_hour_yen, 600);
    await page.locator('[data-testid=rates]').getByText(/1,200/).first().waitFor();

    await page.getByRole('navigation').getByRole('link', { name: ja['nav.budgets'] }).click();
    const budget = page.locator('form#budget-new');
    await field(budget, 'fiscal_year').fill('2031');
    await field(budget, 'amount_yen').fill('-1');
    await budget.getByRole('button', { name: ja['budgets.save'] }).click();
    await assertRefused(budget, 'amount_yen');
    // An amount of its own: the demo's budget for this year is 3,207,000.
    await field(budget, 'amount_yen').fill('3107000');
    await budget.getByRole('button', { name: ja['budgets.save'] }).click();
    await page.locator('main .alert-ok').waitFor();
    await page.locator('[data-testid=budgets]').getByText(/3,107,000/).waitFor();
    const b = (await apiOk('admin', 'GET', '/v1/budgets')).budgets.find((x) => x.fiscal_year === 2031);
    assert.equal(b.amount_yen, 3107000);
    assert.deepEqual(unexpected(problems), []);
  });
});

test('coordinator: a training course with its sessions (a session out of order refused on its row), one more session, an enrolment', async (t) => {
  const title = `フォローアップ研修テスト${uniq()}`;
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, '/app/training');
    await page.getByRole('button', { name: ja['training.new'] }).click();
    const form = page.locator('form#course-new');
    await field(form, 'kind').selectOption('follow_up');
    await field(form, 'title').fill(title);
    await field(form, 'capacity').fill('30');
    await field(form, 'sessions[0].held_on').fill(daysFromToday(20));
    await field(form, 'sessions[0].title').fill('振り返り');
    await form.getByRole('button', { name: ja['training.addSessionRow'] }).click();
    await field(form, 'sessions[1].held_on').fill(daysFromToday(10)); // before the first: refused
    await form.getByRole('button', { name: ja['training.create'] }).click();
    await form.locator('[name^="sessions[1]"][aria-invalid="true"]').first().waitFor();
    assert.equal(await field(form, 'title').inputValue(), title);
    assert.equal(await field(form, 'sessions[0].title').inputValue(), '振り返り');
    await field(form, 'sessions[1].held_on').fill(daysFromToday(40));
    await form.getByRole('button', { name: ja['training.create'] }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const add = page.locator('form#session-new');
    await field(add, 'held_on').fill(daysFromToday(50));
    await field(add, 'title').fill('事例検討');
    await add.getByRole('button', { name: ja['training.addSession'] }).click();
    await page.locator('main .alert-ok').getByText(ja['training.sessionAdded']).waitFor();
    const enrol = page.locator('form#enrol');
    await field(enrol, 'supporter_id').selectOption({ index: 1 });
    await enrol.getByRole('button', { name: ja['training.enrol'] }).click();
    await page.locator('main .alert-ok').getByText(ja['training.enrolDone']).waitFor();
    const list = await apiOk('coordinator', 'GET', `/v1/training-courses/${id}/enrolments`);
    assert.equal(list.enrolments.length, 1);
    const c = await apiOk('coordinator', 'GET', `/v1/training-courses/${id}`);
    assert.equal(c.kind, 'follow_up');
    assert.equal(c.capacity, 30);
    assert.deepEqual(c.sessions.map((s) => s.held_on), [daysFromToday(20), daysFromToday(40), daysFromToday(50)]);
    assert.equal(c.sessions[2].title, '事例検討');
    assert.deepEqual(unexpected(problems), []);
  });
});

test('coordinator: an assignment ended with its reason (a date before its start refused), then the case closed', async (t) => {
  const s = await apiOk('coordinator', 'POST', '/v1/supporters', {
    name: `担当 終了${uniq()}`, gender: 'female', municipality_code: '092011', peer_experience: 'none',
    insurance_until: daysFromToday(300), availability: [{ weekday: 1, from: '09:00', to: '17:00' }], skills: ['home_visit', 'phone'],
  });
  await apiOk('coordinator', 'POST', `/v1/supporters/${s.id}/trainings`, { kind: 'initial', completed_on: daysFromToday(-30) });
  await apiOk('coordinator', 'POST', `/v1/supporters/${s.id}/register`, {});
  const kase = await makeCase({ nickname: `終了テスト${uniq()}` });
  const a = await apiOk('coordinator', 'POST', '/v1/assignments', { case_id: kase.id, supporter_id: s.id, starts_on: daysFromToday(-3) });
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, `/app/cases/${kase.id}`);
    await page.getByRole('heading', { name: kase.nickname, level: 1 }).waitFor();
    await page.getByRole('button', { name: ja['cases.endAssignment'] }).click();
    const form = page.locator(`form#assignment-end-${a.id}`);
    await field(form, 'ended_on').fill(daysFromToday(-10));
    await field(form, 'reason').fill('本人の希望で担当を交代');
    await form.getByRole('button', { name: ja['cases.endAssignment'] }).click();
    await assertRefused(form, 'ended_on');
    assert.equal(await field(form, 'reason').inputValue(), '本人の希望で担当を交代');
    await field(form, 'ended_on').fill(daysFromToday(0));
    await form.getByRole('button', { name: ja['cases.endAssignment'] }).click();
    await page.locator('main .alert-ok').getByText(ja['cases.assignmentEnded']).waitFor();
    const after = await apiOk('coordinator', 'GET', `/v1/assignments/${a.id}`);
    assert.equal(after.ended_on, daysFromToday(0));
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: ja['cases.step.close'] }).click();
    const close = page.locator('form#case-close');
    await field(close, 'reason').selectOption('referred_elsewhere');
    await close.getByRole('button', { name: ja['cases.step.close'] }).click();
    await page.locator('main .alert-ok').getByText(ja['cases.closed']).waitFor();
    assert.equal((await apiOk('coordinator', 'GET', `/v1/cases/${kase.id}`)).status, 'closed');
    assert.deepEqual(unexpected(problems), []);
  });
});

test('the new pages in English: labels translated, no raw message keys', async (t) => {
  const en = messages.en;
  await withBrowser(t, { ...desk, lang: 'en' }, async ({ page, problems }) => {
    await login(page, 'admin', ADMIN_PASSWORD);
    for (const [path, title] of [['/app/supporters/new', 'supporters.new'], ['/app/cases/new', 'cases.new'], ['/app/hosts/new', 'hosts.new'],
      ['/app/users', 'users.title'], ['/app/settings/rates', 'rates.title'], ['/app/settings/budgets', 'budgets.title']]) {
      await go(page, path);
      await page.getByRole('heading', { name: en[title], level: 1 }).waitFor();
      await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 15000 }).catch(() => {});
      const text = await page.evaluate(() => document.body.innerText);
      const raw = Object.keys(en).filter((k) => /^(form|cases|supporter|supporters|hosts|users|rates|budgets|training)\./.test(k) && text.includes(k));
      assert.deepEqual(raw, [], `${path}: untranslated keys`);
      assert.ok(!text.includes(messages.ja['form.requiredMark']), `${path}: Japanese text in English`);
    }
    assert.deepEqual(unexpected(problems), []);
  });
});

test('coordinator: a placement — only cases with consent to placements offered, a refusal next to its field, then created', async (t) => {
  const withConsent = await makeCase({ nickname: `職親同意${uniq()}`, consent: { obtained_on: daysFromToday(-30), scope: ['matching', 'support', 'placement'] } });
  const without = await makeCase({ nickname: `職親同意なし${uniq()}` });
  const host = await apiOk('coordinator', 'POST', '/v1/hosts', { name: `体験農園${uniq()}（架空）`, municipality_code: '092011', capacity_per_day: 3 });
  await apiOk('coordinator', 'POST', `/v1/hosts/${host.id}/survey`, { surveyed_on: daysFromToday(-1), result: 'approved' });
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, '/app/placements');
    await page.getByRole('button', { name: ja['placements.new'] }).click();
    const form = page.locator('form[aria-labelledby="pf-h"]');
    await field(form, 'case_id').waitFor();
    const offered = await field(form, 'case_id').locator('option').evaluateAll((os) => os.map((o) => Number(o.value)));
    assert.ok(offered.includes(withConsent.id), 'the case with consent is offered');
    assert.ok(!offered.includes(without.id), 'the case without consent is not');
    await field(form, 'case_id').selectOption(String(withConsent.id));
    await field(form, 'host_id').selectOption(String(host.id));
    await form.locator('#p-from').fill(daysFromToday(14));
    await form.locator('#p-to').fill(daysFromToday(20));
    await field(form, 'hours_per_day').fill('12');
    await form.getByRole('button', { name: ja['placements.create'] }).click();
    await assertRefused(form, 'hours_per_day');
    assert.equal(await field(form, 'case_id').inputValue(), String(withConsent.id));
    await field(form, 'hours_per_day').fill('4');
    await form.getByRole('button', { name: ja['placements.create'] }).click();
    // A public holiday among the days is shown first and asked about
    // (issue 14; tests/browser/placements.test.mjs).
    const confirm = form.locator('[data-testid=placement-confirm]');
    await Promise.race([form.locator('.alert-ok').waitFor().catch(() => {}), confirm.waitFor().catch(() => {})]);
    if (await confirm.count()) await confirm.getByRole('button', { name: ja['placements.confirmSave'] }).click();
    await form.locator('.alert-ok').waitFor();
    const list = await apiOk('coordinator', 'GET', `/v1/placements?case_id=${withConsent.id}`);
    assert.equal(list.placements.length, 1);
    assert.equal(list.placements[0].hours_per_day, 4);
    assert.deepEqual(unexpected(problems), []);
  });
});
