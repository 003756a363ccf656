// 職親 placements from the desk (issue 14), end to end against the real API:
// the form checks with the server first (POST /v1/placements/check), shows
// a public holiday's warning in Japanese and asks before saving; the
// placement saved shows its period with the year; a refusal by a rule
// (the participant already placed, the 240-day cap) lands next to the
// days in Japanese, naming the dates or the days remaining.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, apiOk, BASE, daysFromToday, todayTokyo, messages, shot, makeCase } from './lib.mjs';
import { fmtDate } from '../../data/web/js/format.js';

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };
const uniq = () => `${process.pid % 1000}${Date.now() % 100000}`;
const unexpected = (problems) => problems.filter((p) => !/status of (409|422)/.test(p));

async function placementCase() {
  return makeCase({ nickname: `職親テスト${uniq()}`, consent: { obtained_on: daysFromToday(-30), scope: ['matching', 'support', 'placement'] } });
}

async function registeredHost() {
  const host = await apiOk('coordinator', 'POST', '/v1/hosts', { name: `体験工房${uniq()}（架空）`, municipality_code: '092011', capacity_per_day: 3 });
  await apiOk('coordinator', 'POST', `/v1/hosts/${host.id}/survey`, { surveyed_on: daysFromToday(-1), result: 'approved' });
  return host;
}

const isoWeekday = (iso) => ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

// The first public holiday on a weekday at least two days ahead, from the
// host calendar (which names holidays).
async function nextWeekdayHoliday(hostId) {
  const from = daysFromToday(2);
  let [y, m] = todayTokyo().split('-').map(Number);
  for (let i = 0; i < 14; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const cal = await apiOk('coordinator', 'GET', `/v1/hosts/${hostId}/calendar?month=${month}`);
    const d = cal.days.find((x) => x.holiday && x.date >= from && isoWeekday(x.date) <= 5);
    if (d) return { date: d.date, name: d.holiday };
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  throw new Error('no weekday holiday within a year');
}

function plusDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function openForm(page) {
  await go(page, '/app/placements');
  await page.getByRole('button', { name: ja['placements.new'] }).click();
  const form = page.locator('form[aria-labelledby="pf-h"]');
  await form.locator('[name="case_id"]').waitFor();
  return form;
}

async function fill(form, { caseId, hostId, from, to }) {
  await form.locator('[name="case_id"]').selectOption(String(caseId));
  await form.locator('[name="host_id"]').selectOption(String(hostId));
  await form.locator('#p-from').fill(from);
  await form.locator('#p-to').fill(to);
}

test('coordinator: a placement on a public holiday — the Japanese warning first, confirmed, then saved with its period and year', async (t) => {
  const kase = await placementCase();
  const host = await registeredHost();
  const holiday = await nextWeekdayHoliday(host.id);
  const from = holiday.date;
  const to = plusDays(from, isoWeekday(from) === 5 ? 3 : 1); // the next weekday
  const warning = ja['placements.warn.public_holiday'].replace('{date}', fmtDate(holiday.date)).replace('{name}', holiday.name);
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    const form = await openForm(page);
    await fill(form, { caseId: kase.id, hostId: host.id, from, to });
    await form.getByRole('button', { name: ja['placements.create'] }).click();

    // The warning, in Japanese with the date's year, before anything is saved;
    // the confirmation takes the focus.
    const confirm = form.getByRole('alertdialog', { name: ja['placements.confirmTitle'] });
    await confirm.waitFor();
    assert.ok((await confirm.textContent()).includes(warning), `the warning: ${await confirm.textContent()}`);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'placement-confirm');
    assert.equal((await apiOk('coordinator', 'GET', `/v1/placements?case_id=${kase.id}`)).placements.length, 0, 'nothing saved yet');
    await shot(page, 'placements-confirm');

    // Going back saves nothing and returns to the form's button.
    await confirm.getByRole('button', { name: ja['placements.confirmBack'] }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'submit');
    assert.equal((await apiOk('coordinator', 'GET', `/v1/placements?case_id=${kase.id}`)).placements.length, 0);

    // Asked again, and confirmed.
    await form.getByRole('button', { name: ja['placements.create'] }).click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: ja['placements.confirmSave'] }).click();
    const done = form.locator('.alert-ok');
    await done.waitFor();
    const text = await done.textContent();
    assert.ok(text.includes(fmtDate(from)), `the period with its year (${fmtDate(from)}): ${text}`);
    assert.match(fmtDate(from), /^令和\d+年/);
    assert.ok(text.includes(warning), `the warning stays with the result: ${text}`);

    const list = await apiOk('coordinator', 'GET', `/v1/placements?case_id=${kase.id}`);
    assert.equal(list.placements.length, 1);
    assert.equal(list.placements[0].first_day, from);
    assert.equal(list.placements[0].last_day, to);

    // The list of the placement's month shows the period with the year.
    await page.goto(`${BASE}/app/placements?month=${from.slice(0, 7)}`);
    const row = page.locator('[data-testid=placements] tr', { hasText: kase.nickname });
    await row.waitFor();
    assert.ok((await row.textContent()).includes(fmtDate(from)), await row.textContent());
    assert.deepEqual(unexpected(problems), []);
  });
});

test('coordinator: a placement refused — the days the participant is already placed on, then the days remaining, next to the period in Japanese', async (t) => {
  const kase = await placementCase();
  const host = await registeredHost();
  const other = await registeredHost();
  // Weekdays well ahead: Monday to Friday of a week a month from now.
  let monday = daysFromToday(30);
  while (isoWeekday(monday) !== 1) monday = plusDays(monday, 1);
  const placed = [plusDays(monday, 1), plusDays(monday, 2)];
  await apiOk('coordinator', 'POST', '/v1/placements', {
    case_id: kase.id, host_id: other.id, days: placed, hours_per_day: 3,
    pre_interview: { held_on: todayTokyo(), attendees: ['participant', 'host', 'coordinator'] },
  });
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    const form = await openForm(page);
    await fill(form, { caseId: kase.id, hostId: host.id, from: monday, to: plusDays(monday, 4) });
    await form.getByRole('button', { name: ja['placements.create'] }).click();

    const error = form.locator('[data-testid=days-error]');
    await error.waitFor();
    const message = (await error.textContent()).trim();
    for (const d of placed) assert.ok(message.includes(fmtDate(d)), `${fmtDate(d)} named in "${message}"`);
    assert.ok(!message.includes(placed[0]), `no ISO date in "${message}"`);
    assert.ok(!/participant_double_booked|days/.test(message), message);
    assert.equal(await form.locator('#p-from').getAttribute('aria-invalid'), 'true');
    assert.ok((await form.locator('#p-from').getAttribute('aria-describedby')).split(' ').includes('days-error'));
    await form.locator('[data-testid=placement-summary]').waitFor();
    await shot(page, 'placements-refused-double-booked');
    assert.equal((await apiOk('coordinator', 'GET', `/v1/placements?case_id=${kase.id}`)).placements.length, 1);

    // The participant's days nearly used up: the cap's refusal says how
    // many remain and how many were asked.
    const far = [];
    for (let d = '2031-01-01'; far.length < 236; d = plusDays(d, 1)) far.push(d);
    await apiOk('coordinator', 'POST', '/v1/placements', {
      case_id: kase.id, host_id: other.id, days: far, hours_per_day: 3,
      pre_interview: { held_on: todayTokyo(), attendees: ['participant', 'host', 'coordinator'] },
    });
    await form.locator('#p-from').fill(plusDays(monday, 7));
    await form.locator('#p-to').fill(plusDays(monday, 11));
    await form.getByRole('button', { name: ja['placements.create'] }).click();
    await form.locator('[data-testid=days-error]', { hasText: '残り日数は2日' }).waitFor();
    const cap = (await error.textContent()).trim();
    assert.ok(cap.includes('5日を申し込んでいます'), cap);
    assert.ok(cap.includes('240日'), cap);
    assert.equal((await apiOk('coordinator', 'GET', `/v1/placements?case_id=${kase.id}`)).placements.length, 2);
    assert.deepEqual(unexpected(problems), []);
  });
});
