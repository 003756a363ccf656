// Notices in the application (issue 17, docs/api.md "Notices"): a supporter
// whose insurance ends in 30 days gets a notice from the daily run
// (`tsunagari notices run` on the served database); the phone's header
// shows the bell with the unread count; the list says what to look at; 既読にする
// marks it read and the count goes down; the coordinator of the supporter's
// organisation has the bell too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withBrowser, login, go, apiOk, messages, daysFromToday, PASSWORD } from './lib.mjs';

const ja = messages.ja;
const phone = { viewport: { width: 360, height: 740 } };
const desk = { viewport: { width: 1280, height: 900 } };
const uniq = () => `${process.pid % 1000}${Date.now() % 100000}`;

test('notices: the bell, the list and mark as read (phone and staff)', async (t) => {
  const until = daysFromToday(30);
  const s = await apiOk('coordinator', 'POST', '/v1/supporters', {
    name: `通知 花子${uniq()}`, gender: 'female', municipality_code: '092011', peer_experience: 'none', max_cases: 2,
    insurance_until: until,
  });
  await apiOk('coordinator', 'POST', `/v1/supporters/${s.id}/trainings`, { kind: 'initial', completed_on: daysFromToday(-30) });
  await apiOk('coordinator', 'POST', `/v1/supporters/${s.id}/register`, { registered_on: daysFromToday(-1) });
  const loginName = `notice-${uniq()}`;
  await apiOk('admin', 'POST', '/v1/users', { login: loginName, password: PASSWORD, role: 'supporter', supporter_id: s.id });

  // The daily run, as cron or the timer would start it.
  const out = execFileSync(process.env.TS_BINARY, ['notices', 'run', '--database', process.env.TS_DATABASE],
    { encoding: 'utf8', env: { ...process.env, LANGUAGE: 'en' } });
  assert.match(out, /new notices/);

  await withBrowser(t, phone, async ({ page, problems }) => {
    await login(page, loginName);
    const bell = page.locator('[data-testid=notice-bell]');
    await bell.locator('.nav-count').getByText('1', { exact: true }).waitFor();
    assert.equal(await bell.getAttribute('aria-label'), ja['notices.bellUnread'].replace('{n}', '1'));
    const box = await bell.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `the bell is a 44 px target: ${JSON.stringify(box)}`);
    await bell.click();
    await page.waitForURL((u) => u.pathname === '/app/notices');
    const item = page.locator('[data-testid=notice]').first();
    await item.getByText(`ボランティア保険の期限は${until}までです`).waitFor();
    // Nothing but what to look at: no name in the notice.
    assert.doesNotMatch(await page.locator('main').innerText(), /花子/);
    await item.getByRole('button', { name: ja['notices.markRead'] }).click();
    await item.getByText(ja['notices.read'], { exact: true }).waitFor();
    await bell.locator('.nav-count').waitFor({ state: 'detached' });
    assert.equal(await bell.getAttribute('aria-label'), ja['notices.bell']);
    // Unread only: none left.
    await page.getByLabel(ja['notices.unreadOnly']).check();
    await page.getByText(ja['notices.empty']).waitFor();
    assert.deepEqual(problems, []);
  });

  // The organisation's coordinator heard of it too.
  const mine = await apiOk('coordinator', 'GET', '/v1/notices?unread=true');
  assert.ok(mine.notices.some((n) => n.kind === 'insurance_ending' && n.subject_id === s.id));
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    const bell = page.locator('[data-testid=notice-bell]');
    await bell.locator('.nav-count').waitFor();
    assert.ok(Number(await bell.locator('.nav-count').innerText()) >= 1);
    assert.deepEqual(problems, []);
  });
});

test('notices: mail that could not be sent shows to the administrator', async (t) => {
  const address = `mail-${uniq()}@example.jp`;
  const s = await apiOk('coordinator', 'POST', '/v1/supporters', {
    name: `送信 次郎${uniq()}`, gender: 'male', municipality_code: '092011', peer_experience: 'none', max_cases: 2,
    insurance_until: daysFromToday(14), email: address,
  });
  await apiOk('coordinator', 'POST', `/v1/supporters/${s.id}/trainings`, { kind: 'initial', completed_on: daysFromToday(-30) });
  await apiOk('coordinator', 'POST', `/v1/supporters/${s.id}/register`, { registered_on: daysFromToday(-1) });
  // An SMTP server that is not there: the message stays queued with its error.
  const dir = mkdtempSync(join(tmpdir(), 'ts-mail-'));
  const config = join(dir, 'tsunagari.conf');
  writeFileSync(config, '[mail]\nsmtp_host=127.0.0.1\nsmtp_port=9\nfrom=tsunagari@example.jp\n');
  execFileSync(process.env.TS_BINARY, ['notices', 'run', '--database', process.env.TS_DATABASE, '--config', config],
    { encoding: 'utf8', env: { ...process.env, LANGUAGE: 'en' } });
  const failed = await apiOk('admin', 'GET', '/v1/mail-outbox?status=failed');
  assert.ok(failed.messages.some((m) => m.address === address && m.attempts >= 1 && m.last_error));

  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'admin', process.env.TSUNAGARI_ADMIN_PASSWORD || 'demo-root-password');
    await go(page, '/app/notices');
    const row = page.locator('[data-testid=failed-message]').filter({ hasText: address });
    await row.waitFor();
    assert.match(await row.innerText(), /[1-9]/);
    assert.deepEqual(problems, []);
  });
  // A coordinator has no such section.
  await withBrowser(t, desk, async ({ page }) => {
    await login(page, 'coordinator');
    await go(page, '/app/notices');
    await page.locator('h1').waitFor();
    assert.equal(await page.locator('[data-testid=failed-mail]').count(), 0);
  });
});
