// The screenshots of docs/user-guide.md, taken from a demo database by
// `tests/browser/run --guide` (viewport only, phone or desk size).
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, login, go, api, apiOk, ADMIN_PASSWORD, assignmentFor, makeCase, supporterIdOf, makeEligible, todayTokyo, daysFromToday, PASSWORD, BASE } from './lib.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../docs/user-guide');
mkdirSync(out, { recursive: true });
const phone = { viewport: { width: 390, height: 844 } };
const desk = { viewport: { width: 1280, height: 860 } };

async function snap(page, name) {
  await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 15000 }).catch(() => {});
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, `${name}.png`) });
}

await assignmentFor('supporter1');
{
  const { page, context, close } = await openBrowser(phone);
  await login(page, 'supporter1');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await snap(page, 'supporter-home');
  await go(page, '/app/report');
  await page.locator('[data-testid=report-form]').waitFor();
  await page.locator('input[name=kind][value=home_visit]').check();
  await page.locator('#minutes').fill('30');
  await page.locator('#note').fill('駅前のカフェで30分ほど話しました。');
  await snap(page, 'supporter-report');
  await context.setOffline(true);
  await page.locator('form button[type=submit]').click();
  await page.locator('[data-testid=waiting]').waitFor();
  await page.evaluate(() => scrollTo(0, 0));
  await snap(page, 'supporter-offline');
  await context.setOffline(false);
  await page.locator('[data-testid=waiting]').waitFor({ state: 'detached', timeout: 20000 });
  await close();
}
{
  const kase = await makeCase({ nickname: 'Nさん（架空）', age_band: '50s', household: 'single', withdrawal_years: 30 });
  const ex = await supporterIdOf('supporter3');
  await makeEligible(ex);
  await apiOk('coordinator', 'POST', `/v1/cases/${kase.id}/exclusions`, { supporter_id: ex, reason: 'conflict_of_interest' });
  await makeCase({ nickname: 'Oさん（架空）', age_band: '10s', referred_by: 'special_needs_school' });
  const { page, close } = await openBrowser(desk);
  await login(page, 'coordinator');
  await snap(page, 'coordinator-supporters');
  await go(page, `/app/cases/${kase.id}/candidates`);
  await page.locator('[data-testid=candidates]').waitFor();
  await page.locator('[data-testid=candidates] > li').first().locator('summary').click();
  await snap(page, 'coordinator-candidates');
  await page.locator('[data-testid=excluded]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, 'coordinator-excluded.png') });
  await go(page, '/app/matching');
  await page.locator('form button[type=submit]').click();
  await page.locator('[data-testid=batch-result]').waitFor();
  await page.locator('[data-testid=batch-result]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, 'coordinator-batch.png') });
  await close();
}
{
  // Bunkyo's budget for the scheme (seed 004), and the reports above approved.
  const [y, m] = todayTokyo().split('-').map(Number);
  await api('admin', 'POST', '/v1/budgets', { fiscal_year: m >= 4 ? y : y - 1, amount_yen: 3207000 });
  const pending = await apiOk('coordinator', 'GET', '/v1/activities?status=pending&limit=200');
  for (const a of pending.activities || []) await api('coordinator', 'POST', `/v1/activities/${a.id}/approve`, {});
  const { page, close } = await openBrowser(desk);
  await login(page, 'auditor');
  await snap(page, 'auditor-compliance');
  await go(page, '/app/payments');
  await page.locator('.chart canvas').waitFor();
  await snap(page, 'auditor-payments');
  await close();
}
{
  // Issue 14: a case taken in at the desk, with a refusal next to its field.
  const { page, close } = await openBrowser(desk);
  await login(page, 'coordinator');
  await go(page, '/app/cases/new');
  const form = page.locator('form#case-new');
  await form.waitFor();
  await form.locator('[name="nickname"]').fill('Pさん（架空）');
  await form.locator('[name="municipality_code"]').fill('092011');
  await form.locator('[name="age_band"]').selectOption('30s');
  await form.locator('[name="gender"]').selectOption('male');
  await form.locator('[name="household"]').selectOption('two');
  await form.locator('[name="consent.obtained_on"]').fill('2099-01-01');
  await form.locator('[name="consent.scope"][value="matching"]').check();
  await form.locator('[name="consent.scope"][value="support"]').check();
  await form.locator('button[type=submit]').click();
  await page.locator('[data-testid=form-summary]').waitFor();
  await page.evaluate(() => scrollTo(0, 0));
  await snap(page, 'coordinator-case-new');
  // Issue 13: 那須町's requests reach the prefecture's coordinator.
  await go(page, '/app/dispatch');
  await page.locator('[data-testid=dispatch-request]').first().waitFor();
  await snap(page, 'coordinator-dispatch');
  await close();
}
{
  const { page, close } = await openBrowser(desk);
  await login(page, 'admin', ADMIN_PASSWORD);
  await go(page, '/app/users');
  await page.locator('[data-testid=users]').waitFor();
  await snap(page, 'admin-users');
  await go(page, '/app/settings/rates');
  await page.locator('main h1').waitFor();
  await snap(page, 'admin-rates');
  // Issue 14: an organisation registered, its place chosen by name.
  await go(page, '/app/organisations');
  await page.locator('[data-testid=organisations]').waitFor();
  await page.getByRole('button', { name: '新しい機関' }).click();
  const org = page.locator('form#org-new');
  await org.locator('[name="name"]').fill('那須塩原市 社会福祉課（架空）');
  await org.locator('datalist option[value="092134"]').waitFor({ state: 'attached' });
  await org.locator('[name="municipality_code"]').fill('092134');
  await snap(page, 'admin-organisations');
  await close();
}
{
  // Issue 14: approvals with their flags, then last month's statements issued and one paid.
  const { assignment } = await assignmentFor('supporter2');
  const lastDay = new Date(`${todayTokyo().slice(0, 7)}-01T00:00:00Z`);
  lastDay.setUTCDate(0);
  const last = lastDay.toISOString().slice(0, 10);
  for (const [start, transport] of [['10:00', 420], ['21:30', 2400]]) {
    await api('supporter2', 'POST', '/v1/activities', {
      assignment_id: assignment.id, date: last, start, minutes: 60, kind: 'home_visit', transport_yen: transport, note: '手引きの例',
    });
  }
  const { page, close } = await openBrowser(desk);
  await login(page, 'coordinator');
  await go(page, '/app/approvals');
  await page.locator('[data-testid=approvals] > li').first().waitFor();
  await snap(page, 'coordinator-approvals');
  const pending = await apiOk('coordinator', 'GET', `/v1/activities?status=pending&month=${last.slice(0, 7)}&limit=200`);
  for (const a of pending.activities || []) await api('coordinator', 'POST', `/v1/activities/${a.id}/approve`, {});
  await api('coordinator', 'POST', '/v1/payments/statements', { month: last.slice(0, 7) });
  await go(page, `/app/statements?month=${last.slice(0, 7)}`);
  await page.locator('[data-testid=statements]').waitFor();
  const markPaid = page.getByRole('button', { name: '支払済みにする' }).first();
  if (await markPaid.count()) await markPaid.click();
  await snap(page, 'coordinator-statements');
  await close();
}
{
  const { page, close } = await openBrowser({ ...phone, lang: 'en' });
  await login(page, 'supporter1');
  await snap(page, 'supporter-home-en');
  await close();
}
{
  // 相談記録 (issue 16): a few contacts of the day, then the form half filled.
  const today = todayTokyo();
  const first = await apiOk('coordinator', 'POST', '/v1/contacts', {
    date: today, method: 'phone', contactor: 'parent', first_contact: true, minutes: 40, contactor_age_band: '80s+',
    consultee: { nickname: 'Kさん（架空）', age_band: '50s', gender: 'male' },
  });
  await apiOk('coordinator', 'POST', '/v1/contacts', {
    date: today, method: 'office_visit', contactor: 'self', first_contact: false, minutes: 60, consultee_id: first.consultee_id,
  });
  const { page, close } = await openBrowser(desk);
  await login(page, 'coordinator');
  await go(page, '/app/contacts');
  const form = page.locator('form#contact-new');
  await form.waitFor();
  await form.locator('[name=method][value=phone]').check();
  await form.locator('[name=contactor][value=self]').check();
  await form.locator('[name=first_contact][value=true]').check();
  await form.locator('[name=consultee][value=new]').check();
  await form.locator('[name="consultee.age_band"]').selectOption('unknown');
  await snap(page, 'coordinator-contacts');
  // Issue 15: the supporter's day on a 360 px phone — home, the report, the
  // sent card, and a report kept on the phone in a dead zone.
  const small = { viewport: { width: 360, height: 740 } };
  await assignmentFor('supporter1');
  const { page, context, close } = await openBrowser(small);
  await login(page, 'supporter1');
  await page.locator('main .card').first().waitFor();
  await snap(page, 'day-supporter-home');
  await go(page, '/app/report');
  await page.locator('[data-testid=report-form]').waitFor();
  await page.locator('input[name=kind][value=accompany]').check();
  await page.locator('#minutes').fill('90');
  await page.locator('#transport_yen').fill('420');
  await page.locator('#note').fill('市役所の窓口まで一緒に行きました。');
  await page.locator('input[name=kind][value=accompany]').scrollIntoViewIfNeeded();
  await snap(page, 'day-supporter-report');
  await page.locator('form button[type=submit]').click();
  await page.locator('[data-testid=sent-card]').waitFor();
  await snap(page, 'day-supporter-sent');
  await page.getByRole('button', { name: 'もう1件' }).click();
  await page.locator('input[name=kind][value=phone]').check();
  await page.locator('#minutes').fill('15');
  await context.setOffline(true);
  await page.locator('form button[type=submit]').click();
  await page.locator('[data-testid=waiting-count]').waitFor();
  await page.evaluate(() => scrollTo(0, 0));
  await snap(page, 'day-supporter-waiting');
  await context.setOffline(false);
  await page.locator('[data-testid=waiting-count]').waitFor({ state: 'detached', timeout: 30000 });
  await close();
}
{
  // Issue 15: the host's day — today's participant, marked present, and the
  // month's attendance of a placement.
  const small = { viewport: { width: 360, height: 740 } };
  // A host of its own, with a participant today whatever the weekday.
  const kase = await makeCase({ nickname: 'はるさん（架空）', consent: { obtained_on: daysFromToday(-30), scope: ['matching', 'support', 'placement'] } });
  const host = await apiOk('coordinator', 'POST', '/v1/hosts', { name: 'こもれび農園（架空）', municipality_code: '092011', capacity_per_day: 2 });
  await apiOk('coordinator', 'POST', `/v1/hosts/${host.id}/survey`, { surveyed_on: daysFromToday(-3), result: 'approved' });
  await apiOk('coordinator', 'POST', '/v1/placements', {
    case_id: kase.id, host_id: host.id, days: [daysFromToday(-1), todayTokyo(), daysFromToday(1)], hours_per_day: 3,
    pre_interview: { held_on: daysFromToday(-3), attendees: ['participant', 'host', 'coordinator'] },
  });
  await apiOk('admin', 'POST', '/v1/users', { login: 'host-guide', password: PASSWORD, role: 'host', host_id: host.id });
  const { page, close } = await openBrowser(small);
  await login(page, 'host-guide');
  const row = page.locator('[data-testid=host-today] [data-testid=today-participant]').first();
  await row.waitFor();
  await snap(page, 'day-host-today');
  await row.getByRole('button', { name: '出席', exact: true }).click();
  await row.locator('button[aria-pressed="true"]').waitFor();
  await snap(page, 'day-host-marked');
  const details = page.locator('main details').first();
  await details.locator('summary').click();
  await details.locator('.day-mark').first().waitFor();
  await details.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, 'day-host-attendance.png') });
  await close();
}
console.log(`screenshots in ${out} (from ${BASE})`);
