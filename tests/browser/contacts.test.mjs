// Consultation records at the intake desk (issue 16; docs/web.md "Contacts"):
// a first contact with a new consultee recorded with the keyboard only, a
// continuing contact for the same person found by search, a contact about a
// case, a refusal shown next to its field, Escape clearing the form, the
// consultee's page; then the API holds exactly what was recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, apiOk, daysFromToday, todayTokyo, messages, shot, makeCase } from './lib.mjs';

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const unexpected = (problems) => problems.filter((p) => !/status of 422/.test(p));

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { name: el?.getAttribute('name'), value: el?.value, type: el?.type, id: el?.id };
});

// Presses Tab, and checks where the focus went (a date input takes a Tab
// per part: year, month, day).
async function tabTo(page, name, value) {
  const from = (await focused(page)).name;
  let f;
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    f = await focused(page);
    if (f.name !== from || from !== 'date') break;
  }
  assert.equal(f.name, name, `Tab reaches ${name} (at ${JSON.stringify(f)})`);
  if (value !== undefined) assert.equal(f.value, value, `Tab reaches ${name}=${value}`);
}

// Moves with the arrow keys inside the focused radio group to `value`.
async function arrowTo(page, value) {
  for (let i = 0; i < 10; i++) {
    const f = await focused(page);
    if (f.value === value) break;
    await page.keyboard.press('ArrowRight');
  }
  const f = await focused(page);
  assert.equal(f.value, value);
  await page.keyboard.press('Space');
}

// The confirmation of the contact saved after `before` (the id of the one
// shown before, or null): a new contact each time.
const savedId = (page) => page.evaluate(() => document.querySelector('[data-testid=contact-saved]')?.dataset.contact ?? null);
async function savedText(page, before) {
  await page.waitForFunction((b) => {
    const el = document.querySelector('[data-testid=contact-saved]');
    return el && el.dataset.contact !== b;
  }, before);
  return page.locator('[data-testid=contact-saved]').textContent();
}

test('intake desk: keyboard-only first contact, a continuing one by search, a case, a refusal, Escape', async (t) => {
  const nickname = `ブラウザ${process.pid % 1000}${Date.now() % 100000}`;
  const kase = await makeCase();
  const today = todayTokyo();
  let consultee = 0;
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await page.getByRole('link', { name: ja['nav.contacts'] }).first().click();
    await page.waitForURL('**/app/contacts');
    const form = page.locator('form#contact-new');
    await form.waitFor();
    await page.locator('h1').focus();

    // 1. A first contact with a new consultee, keyboard only.
    await tabTo(page, 'date', today); // today by default
    await tabTo(page, 'method');
    await arrowTo(page, 'phone');
    await tabTo(page, 'contactor');
    await arrowTo(page, 'parent');
    await tabTo(page, 'first_contact');
    await arrowTo(page, 'true');
    await tabTo(page, 'contactor_age_band'); // shown for a first contact
    await page.keyboard.press('End'); // 年齢不明
    await page.keyboard.press('ArrowUp'); // 80歳以上
    assert.equal(await form.locator('[name=contactor_age_band]').inputValue(), '80s+');
    await tabTo(page, 'consultee');
    await arrowTo(page, 'new');
    await tabTo(page, 'consultee.nickname');
    await page.keyboard.type(nickname);
    await tabTo(page, 'consultee.age_band');
    await page.keyboard.press('End');
    assert.equal(await form.locator('[name="consultee.age_band"]').inputValue(), 'unknown');
    await tabTo(page, 'consultee.gender');
    await arrowTo(page, 'male');
    await tabTo(page, 'minutes');
    await page.keyboard.type('30');
    await page.keyboard.press('Enter');

    const first = await savedText(page, null);
    assert.ok(first.includes(ja['contacts.method.phone']) && first.includes(ja['contacts.first']), first);
    const href = await page.locator('[data-testid=contact-saved] a').getAttribute('href');
    consultee = Number(href.match(/\/app\/consultees\/(\d+)$/)[1]);
    assert.ok(consultee > 0);
    // Ready for the next one: focus on the date, date and method kept, the rest fresh.
    await page.waitForFunction(() => document.activeElement?.name === 'date');
    assert.equal(await form.locator('[name=date]').inputValue(), today);
    assert.ok(await form.locator('[name=method][value=phone]').isChecked());
    assert.equal(await form.locator('[name=contactor]:checked').count(), 0);
    assert.equal(await form.locator('[name=first_contact]:checked').count(), 0);
    assert.equal(await form.locator('[name=minutes]').inputValue(), '');
    // The contactor's age band and the new consultee only on a first contact.
    assert.equal(await form.locator('[name=contactor_age_band]').count(), 0);
    await form.locator('[name=first_contact][value=false]').check();
    await form.locator('[name=consultee][value=new]').check();
    assert.equal(await form.locator('[name="consultee.age_band"]').count(), 0);
    assert.equal(await form.locator('[name=contactor_age_band]').count(), 0);
    // Escape clears what was typed (the date and method stay).
    await form.locator('[name=minutes]').fill('45');
    await form.locator('[name=minutes]').press('Escape');
    await page.waitForFunction(() => document.activeElement?.name === 'date');
    assert.equal(await form.locator('[name=minutes]').inputValue(), '');
    assert.equal(await form.locator('[name=first_contact]:checked').count(), 0);
    assert.ok(await form.locator('[name=method][value=phone]').isChecked());

    // 2. A continuing contact for the same person, found by search (keyboard).
    await tabTo(page, 'method', 'phone');
    await tabTo(page, 'contactor');
    await arrowTo(page, 'self');
    await tabTo(page, 'first_contact');
    await arrowTo(page, 'false');
    await tabTo(page, 'consultee');
    await arrowTo(page, 'known');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).type, 'search');
    // Folded as the server folds: hiragana finds the katakana nickname.
    await page.keyboard.type(nickname.replace('ブラウザ', 'ぶらうざ'));
    await page.keyboard.press('Enter'); // search, choose the first match, go to the select
    await page.waitForFunction(() => document.activeElement?.name === 'consultee_id' && document.activeElement.value);
    assert.equal(Number(await form.locator('[name=consultee_id]').inputValue()), consultee);
    const before = await savedId(page);
    await page.keyboard.press('Enter');
    const second = await savedText(page, before);
    assert.ok(second.includes(ja['contacts.continuing']), second);

    // 3. A refusal next to its field: a continuing contact dated before the
    // person's first contact (docs/domain-rules.md).
    await form.locator('[name=date]').fill(daysFromToday(-1));
    await form.locator('[name=contactor][value=self]').check();
    await form.locator('[name=first_contact][value=false]').check();
    await form.locator('[name=consultee][value=known]').check();
    await form.locator('[name=consultee_id]').waitFor();
    await page.locator('#contact-new-consultee_id-q').fill(nickname);
    await page.locator('#contact-new-consultee_id-q').press('Enter');
    await page.waitForFunction(() => document.querySelector('[name=consultee_id]')?.value);
    await form.getByRole('button', { name: ja['contacts.submit'] }).click();
    await form.locator('[name=date][aria-invalid="true"]').waitFor();
    assert.equal(await savedId(page), null, 'the previous confirmation is gone with a new attempt');
    const described = await form.locator('[name=date]').getAttribute('aria-describedby');
    const message = (await page.locator(`#${described.split(' ').find((x) => x.endsWith('-error'))}`).textContent()).trim();
    assert.match(message, JAPANESE);
    assert.ok(!message.includes('date'), message);
    await shot(page, 'contacts-refused');
    // Nothing typed is lost.
    assert.equal(await form.locator('[name=date]').inputValue(), daysFromToday(-1));
    assert.equal(Number(await form.locator('[name=consultee_id]').inputValue()), consultee);

    // 4. A contact about a case, found by its code.
    await form.locator('[name=date]').fill(today);
    await form.locator('[name=method][value=office_visit]').check();
    await form.locator('[name=contactor][value=agency]').check();
    await form.locator('[name=first_contact][value=true]').check();
    await form.locator('[name=consultee][value=case]').check();
    await page.locator('#contact-new-case_id-q').fill(kase.code.toLowerCase());
    await page.locator('#contact-new-case_id-q').press('Enter');
    await page.waitForFunction(() => document.querySelector('[name=case_id]')?.value);
    assert.equal(Number(await form.locator('[name=case_id]').inputValue()), kase.id);
    const before2 = await savedId(page);
    await form.getByRole('button', { name: ja['contacts.submit'] }).click();
    const third = await savedText(page, before2);
    assert.ok(third.includes(ja['contacts.method.office_visit']), third);
    assert.ok(await form.locator('[name=method][value=office_visit]').isChecked(), 'the method is kept');

    // The recent list shows them, each linking to its person.
    await page.locator(`table[data-testid=contacts] a[href="/app/consultees/${consultee}"]`).first().waitFor();
    await page.locator(`table[data-testid=contacts] a[href="/app/cases/${kase.id}"]`).first().waitFor();
    await shot(page, 'contacts-desk');

    // The consultee's page: its two contacts.
    await page.locator(`table[data-testid=contacts] a[href="/app/consultees/${consultee}"]`).first().click();
    await page.waitForURL(`**/app/consultees/${consultee}`);
    await page.locator('main h1', { hasText: nickname }).waitFor();
    assert.equal((await page.locator('[data-testid=consultee-count]').textContent()).trim(), '2');
    assert.equal(await page.locator('table[data-testid=contacts] tbody tr').count(), 2);
    assert.deepEqual(unexpected(problems), []);
  });

  // The API holds exactly what was recorded: two contacts of the consultee
  // (the refused one is not there), one of the case.
  const person = await apiOk('coordinator', 'GET', `/v1/consultees/${consultee}`);
  assert.equal(person.nickname, nickname);
  assert.equal(person.age_band, 'unknown');
  assert.equal(person.gender, 'male');
  assert.equal(person.contacts_count, 2);
  const { contacts } = await apiOk('coordinator', 'GET', `/v1/contacts?consultee_id=${consultee}`);
  assert.equal(contacts.length, 2);
  assert.deepEqual(contacts.map((c) => [c.date, c.method, c.contactor, c.first_contact, c.minutes, c.contactor_age_band]), [
    [today, 'phone', 'parent', true, 30, '80s+'],
    [today, 'phone', 'self', false, null, null],
  ]);
  const onCase = (await apiOk('coordinator', 'GET', `/v1/contacts?case_id=${kase.id}`)).contacts;
  assert.deepEqual(onCase.map((c) => [c.date, c.method, c.contactor, c.first_contact]), [[today, 'office_visit', 'agency', true]]);
});
