// Events (issue 18) end to end against the real API: a coordinator's month
// view and an event's page (a seminar's registrations up to its 定員, then
// the waiting list; a consultation day's requests allocated with their
// 第n希望 shown); a supporter sees the events it staffs on its phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, apiOk, supporterIdOf, daysFromToday, todayTokyo, messages } from './lib.mjs';

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };
const uniq = () => `${process.pid % 1000}-${Date.now() % 100000}`;

test('a coordinator sees the month, registers up to the capacity and allocates slots', async (t) => {
  const title = `家族セミナー${uniq()}`;
  const seminar = await apiOk('coordinator', 'POST', '/v1/events', {
    kind: 'seminar', title, date: todayTokyo(),
    start: '14:00', minutes: 90, capacity: 1, place: '区民センター', municipality_code: '092011',
  });
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, '/app/events');
    await page.getByTestId('event-month').getByRole('link', { name: title }).click();
    await page.waitForURL((u) => u.pathname === `/app/events/${seminar.id}`);
    await page.getByRole('heading', { name: title }).waitFor();
    // The first registration is confirmed, the second waits (定員 1).
    const form = page.locator('#registration');
    for (const name of ['いちろう', 'じろう']) {
      await form.locator('[name="nickname"]').fill(name);
      await form.locator('button[type=submit]').click();
      await page.getByTestId('registrations').getByText(name).waitFor();
    }
    const items = page.getByTestId('registrations').locator('li');
    await assert.doesNotReject(items.nth(0).getByText(ja['registrationStatus.confirmed']).waitFor());
    await assert.doesNotReject(items.nth(1).getByText(ja['registrationStatus.waiting']).waitFor());
    assert.deepEqual(problems.filter((p) => !/status of (409|422)/.test(p)), []);
  });

  // A consultation day: two slots, two requests; first-come would leave one
  // out, the allocation places both.
  const day = await apiOk('coordinator', 'POST', '/v1/events', {
    kind: 'consultation_day', title: `巡回相談${uniq()}`, date: daysFromToday(5), start: '10:00', minutes: 300,
    municipality_code: '092011',
  });
  const a = await apiOk('coordinator', 'POST', `/v1/events/${day.id}/slots`, { start: '10:00', minutes: 45, staff: '相談員2名' });
  const b = await apiOk('coordinator', 'POST', `/v1/events/${day.id}/slots`, { start: '11:00', minutes: 45 });
  await apiOk('coordinator', 'POST', '/v1/booking-requests', { event_id: day.id, preferences: [a.id, b.id], nickname: 'Aさん' });
  await apiOk('coordinator', 'POST', '/v1/booking-requests', { event_id: day.id, preferences: [a.id], nickname: 'Bさん' });
  await withBrowser(t, desk, async ({ page }) => {
    await login(page, 'coordinator');
    await go(page, `/app/events/${day.id}`);
    await page.getByRole('button', { name: ja['events.allocate'] }).click();
    const rows = page.getByTestId('booking-requests').locator('tbody tr');
    await rows.nth(0).getByText(ja['events.rank'].replace('{n}', '2')).waitFor();
    await rows.nth(1).getByText(ja['events.rank'].replace('{n}', '1')).waitFor();
    assert.match(await rows.nth(0).innerText(), /11:00/);
    assert.match(await rows.nth(1).innerText(), /10:00/);
  });
});

test('a supporter sees the events it staffs on the phone', async (t) => {
  const sid = await supporterIdOf('supporter1');
  const title = `居場所${uniq()}`;
  await apiOk('coordinator', 'POST', '/v1/events', {
    kind: 'ibasho', title, date: daysFromToday(2), start: '13:30', minutes: 120, place: '公民館',
    municipality_code: '092011', supporter_ids: [sid],
  });
  await withBrowser(t, {}, async ({ page, problems }) => {
    await login(page, 'supporter1');
    const list = page.getByTestId('staffed-events');
    await list.getByText(title).waitFor();
    assert.match(await list.innerText(), /13:30/);
    assert.deepEqual(problems, []);
  });
});
