// The host's phone (issue 15): today's participants first, each with a
// present / absent pair of 48 px buttons (never one ambiguous unticked
// box), every tap target at least 44 px, nothing wider than a 360 px
// screen, and the placement's period with its year.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, apiOk, daysFromToday, todayTokyo, messages, PASSWORD, makeCase } from './lib.mjs';

const ja = messages.ja;
const uniq = () => `${process.pid % 1000}${Date.now() % 100000}`;

test('host: today\'s participant marked present, then absent, with large targets at 360 px', async (t) => {
  const tag = uniq();
  const kase = await makeCase({ nickname: `今日${tag}さん`, consent: { obtained_on: daysFromToday(-30), scope: ['matching', 'support', 'placement'] } });
  const host = await apiOk('coordinator', 'POST', '/v1/hosts', { name: `今日の工房${tag}（架空）`, municipality_code: '092011', capacity_per_day: 2 });
  await apiOk('coordinator', 'POST', `/v1/hosts/${host.id}/survey`, { surveyed_on: daysFromToday(-3), result: 'approved' });
  const today = todayTokyo();
  const placement = await apiOk('coordinator', 'POST', '/v1/placements', {
    case_id: kase.id, host_id: host.id, days: [today, daysFromToday(1)], hours_per_day: 3,
    pre_interview: { held_on: daysFromToday(-1), attendees: ['participant', 'host', 'coordinator'] },
  });
  const loginName = `kobo-${tag}`;
  await apiOk('admin', 'POST', '/v1/users', { login: loginName, password: PASSWORD, role: 'host', host_id: host.id });

  await withBrowser(t, { viewport: { width: 360, height: 740 } }, async ({ page, problems }) => {
    await login(page, loginName);
    const row = page.locator('[data-testid=host-today] [data-testid=today-participant]');
    await row.waitFor();
    assert.ok((await row.textContent()).includes(kase.nickname));
    const present = row.getByRole('button', { name: ja['host.attended'] });
    const absent = row.getByRole('button', { name: ja['host.absent'] });
    assert.equal(await present.getAttribute('aria-pressed'), 'false');
    assert.equal(await absent.getAttribute('aria-pressed'), 'false');

    await present.click();
    await row.locator('button[aria-pressed="true"]', { hasText: ja['host.attended'] }).waitFor();
    let p = await apiOk('coordinator', 'GET', `/v1/placements/${placement.id}`);
    assert.equal(p.days.find((d) => d.date === today).attended, true);
    await absent.click();
    await row.locator('button[aria-pressed="true"]', { hasText: ja['host.absent'] }).waitFor();
    p = await apiOk('coordinator', 'GET', `/v1/placements/${placement.id}`);
    assert.equal(p.days.find((d) => d.date === today).attended, false);

    // Every button and link a finger uses is at least 44 px high; nothing
    // is wider than the screen.
    const small = await page.evaluate(() => [...document.querySelectorAll('header button, header a.btn, main button, main summary, main a.btn')]
      .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
      .map((el) => `${el.textContent.trim()} ${Math.round(el.getBoundingClientRect().height)}px`));
    assert.deepEqual(small, []);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scrolling');
    // The period shows its year.
    assert.match(await page.locator('main').textContent(), /令和\d+年\d+月\d+日/);
    assert.deepEqual(problems.filter((x) => !/status of 409/.test(x)), []);
  });
});
