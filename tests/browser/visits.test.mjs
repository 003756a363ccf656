// Planned visits (issue 17): a coordinator plans a visit from a proposal on
// the case page, the supporter sees it on the phone's home and reports it
// from there (the form filled from the visit, visit_id sent), and the visit
// turns reported; a calendar feed created, read and revoked from the
// devices page, and a coordinator's from the menu (/app/calendar).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, withBrowser, login, go, apiOk, assignmentFor, todayTokyo, shot, messages,
} from './lib.mjs';

const ja = messages.ja;

test('a visit planned from a proposal is reported from the phone and turns reported', async (t) => {
  const { supporterId, assignment } = await assignmentFor('supporter1');
  // The case's hours are the supporter's, so that the proposals find a time.
  const sup = await apiOk('coordinator', 'GET', `/v1/supporters/${supporterId}`);
  const kase = await apiOk('coordinator', 'GET', `/v1/cases/${assignment.case_id}`);
  await apiOk('coordinator', 'PATCH', `/v1/cases/${assignment.case_id}`,
    { preferences: { ...(kase.preferences || {}), availability: sup.availability.length ? sup.availability : [{ weekday: 3, from: '10:00', to: '16:00' }] } },
    { 'If-Match': `"v${kase.version}"` });
  const before = new Set(((await apiOk('coordinator', 'GET', `/v1/visits?assignment_id=${assignment.id}&limit=200`)).visits || []).map((v) => v.id));
  let visitId;

  await withBrowser(t, {}, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, `/app/cases/${assignment.case_id}`);
    const block = page.locator(`[data-testid=visits-${assignment.id}]`);
    await block.waitFor();
    await block.getByRole('button', { name: ja['visit.propose'] }).click();
    const choice = block.locator('[data-testid=proposals] button').first();
    await choice.waitFor();
    await choice.click();
    await block.locator('.alert-ok[role=status]').waitFor();
    await shot(page, 'visits-planned-from-proposal');
    const after = (await apiOk('coordinator', 'GET', `/v1/visits?assignment_id=${assignment.id}&limit=200`)).visits || [];
    const added = after.filter((v) => !before.has(v.id));
    assert.equal(added.length, 1, 'one visit planned');
    visitId = added[0].id;
    assert.equal(added[0].report, 'upcoming');
    assert.deepEqual(problems, []);
  });

  // The day of the visit comes: it is moved to today (as a coordinator would).
  const v = await apiOk('coordinator', 'GET', `/v1/visits/${visitId}`);
  await apiOk('coordinator', 'PATCH', `/v1/visits/${visitId}`, { date: todayTokyo(), start: '00:05' }, { 'If-Match': `"v${v.version}"` });

  await withBrowser(t, {}, async ({ page, problems }) => {
    await login(page, 'supporter1');
    const item = page.locator(`[data-testid=upcoming-visits] li[data-visit="${visitId}"]`);
    await item.waitFor();
    await shot(page, 'visits-supporter-home');
    await item.getByRole('button', { name: ja['visit.reportThis'] }).click();
    await page.waitForURL((u) => u.pathname === '/app/report');
    await page.locator('[data-testid=report-form]').waitFor();
    assert.equal(await page.locator('#assignment_id').inputValue(), String(assignment.id));
    assert.equal(await page.locator('#date').inputValue(), todayTokyo());
    assert.equal(await page.locator('#start').inputValue(), '00:05');
    assert.equal(await page.locator('#minutes').inputValue(), String(v.minutes));
    await page.locator('input[name=kind][value=home_visit]').check();
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    await page.locator('main').getByText(ja['report.sent']).waitFor();
    assert.deepEqual(problems, []);
  });

  const done = await apiOk('coordinator', 'GET', `/v1/visits/${visitId}`);
  assert.equal(done.report, 'reported');
  const report = await apiOk('coordinator', 'GET', `/v1/activities/${done.activity_id}`);
  assert.equal(report.visit_id, visitId);

  await withBrowser(t, {}, async ({ page }) => {
    await login(page, 'coordinator');
    await go(page, `/app/cases/${assignment.case_id}`);
    const row = page.locator(`[data-testid=visits-${assignment.id}] li[data-visit="${visitId}"]`);
    await row.waitFor();
    assert.equal(await row.locator('[data-testid=visit-report]').innerText(), ja['visit.report.reported']);
  });
});

test('a calendar feed is created, read without a token and revoked', async (t) => {
  await assignmentFor('supporter3');
  await withBrowser(t, {}, async ({ page, problems }) => {
    await login(page, 'supporter3');
    await go(page, '/app/devices');
    const section = page.locator('[data-testid=calendar-feeds]');
    await section.waitFor();
    await section.getByRole('button', { name: ja['visit.feedCreate'] }).click();
    const url = await section.locator('[data-testid=feed-url]').inputValue();
    assert.match(url, /^https?:\/\/.+\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const path = new URL(url).pathname;
    const r = await fetch(`${BASE}${path}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/calendar/);
    assert.match(await r.text(), /BEGIN:VCALENDAR\r\n/);
    await section.getByRole('button', { name: ja['visit.revoke'] }).first().click();
    await section.locator('[data-testid=feed-url]').waitFor({ state: 'detached' });
    assert.equal((await fetch(`${BASE}${path}`)).status, 404);
    assert.deepEqual(problems, []);
  });
});

test('a coordinator reaches their own calendar feed from the menu', async (t) => {
  await withBrowser(t, { viewport: { width: 1280, height: 900 } }, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await page.getByRole('link', { name: ja['nav.calendar'] }).first().click();
    await page.waitForURL('**/app/calendar');
    await page.getByRole('heading', { level: 1, name: ja['nav.calendar'] }).waitFor();
    const section = page.locator('[data-testid=calendar-feeds]');
    await section.getByRole('button', { name: ja['visit.feedCreate'] }).click();
    const url = await section.locator('[data-testid=feed-url]').inputValue();
    const path = new URL(url).pathname;
    const r = await fetch(`${BASE}${path}`);
    assert.equal(r.status, 200);
    // The demo's planned visits of the coordinator's organisation.
    assert.match(await r.text(), /BEGIN:VEVENT\r\n/);
    await section.getByRole('button', { name: ja['visit.revoke'] }).first().click();
    await section.locator('[data-testid=feed-url]').waitFor({ state: 'detached' });
    assert.equal((await fetch(`${BASE}${path}`)).status, 404);
    assert.deepEqual(problems, []);
  });
});
