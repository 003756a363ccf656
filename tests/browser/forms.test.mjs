// The staff workspace's forms (issue 14), end to end against the real API:
// each form is filled by its controls' `name` (the API member names),
// submitted, and the created or changed record is seen on the page and
// through the API.  Every form also meets a refusal: the server's 422 lands
// next to its field (aria-invalid, aria-describedby to a Japanese message,
// never the raw field name) and what was typed is still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, apiOk, daysFromToday, messages, shot } from './lib.mjs';

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
