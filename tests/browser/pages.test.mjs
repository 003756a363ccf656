// Every page of every role, in Japanese and in English: it renders a heading,
// the lang attribute follows the language, no message key shows untranslated,
// nothing fails in the console (a CSP violation would).  One screenshot each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, apiOk, shot, messages, makeCase, ensureHost, BASE } from './lib.mjs';

const KEYS = Object.keys(messages.ja);

test('the message files have the same keys and no empty text', () => {
  assert.deepEqual(Object.keys(messages.en).sort(), [...KEYS].sort());
  for (const lang of ['ja', 'en']) {
    for (const [k, v] of Object.entries(messages[lang])) assert.ok(v.trim().length > 0, `${lang} ${k}`);
  }
});

async function pagesFor(role) {
  const ids = {};
  if (role === 'host') await ensureHost();
  if (['coordinator', 'admin'].includes(role)) {
    const s = await apiOk('coordinator', 'GET', '/v1/supporters?limit=1');
    ids.supporter = s.supporters[0].id;
    const c = await apiOk('coordinator', 'GET', '/v1/training-courses?limit=1');
    ids.course = (c.courses || c.training_courses || c.items)[0].id;
    const cases = await apiOk('coordinator', 'GET', '/v1/cases?status=assessed&limit=1');
    ids.case = (cases.cases[0] || await makeCase()).id;
    const hosts = await apiOk('coordinator', 'GET', '/v1/hosts?limit=1');
    ids.host = hosts.hosts[0]?.id;
  }
  const staff = ['/app/supporters', `/app/supporters/${ids.supporter}`, '/app/training', `/app/training/${ids.course}`,
    '/app/cases', `/app/cases/${ids.case}`, `/app/cases/${ids.case}/candidates`, '/app/matching', '/app/approvals',
    '/app/statements', '/app/hosts', ...(ids.host ? [`/app/hosts/${ids.host}`] : []), '/app/placements'];
  const audit = ['/app/compliance', '/app/payments', '/app/audit-log'];
  return {
    supporter: ['/app/home', '/app/report', '/app/my-statements', '/app/devices'],
    coordinator: [...staff, '/app/dispatch', '/app/dispatch?direction=outgoing', '/app/calendar'],
    auditor: audit,
    host: ['/app/host', '/app/devices'],
    // The lists with the organisation selector, a detail page, the auditor's.
    admin: [...staff.slice(0, 2), '/app/cases', '/app/hosts', ...audit, '/app/organisations', '/app/users',
      '/app/settings/rates', '/app/settings/budgets'],
  }[role];
}

for (const lang of ['ja', 'en']) {
  for (const [role, account] of [['supporter', 'supporter1'], ['coordinator', 'coordinator'], ['auditor', 'auditor'], ['host', 'host1'], ['admin', 'admin']]) {
    test(`every ${role} page in ${lang}`, async (t) => {
      const paths = await pagesFor(role);
      const viewport = role === 'supporter' || role === 'host' ? { width: 360, height: 740 } : { width: 1280, height: 900 };
      await withBrowser(t, { lang, viewport }, async ({ page, problems }) => {
        await login(page, account, account === 'admin' ? process.env.TSUNAGARI_ADMIN_PASSWORD || 'demo-root-password' : undefined);
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        for (const p of paths) {
          await go(page, p);
          await page.locator('h1').first().waitFor();
          await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 15000 }).catch(() => {});
          const h1 = (await page.locator('h1').first().textContent()).trim();
          assert.ok(h1.length > 0, `${p}: heading`);
          assert.notEqual(h1, messages[lang]['error.notFoundTitle'], `${p}: found`);
          assert.notEqual(h1, messages[lang]['error.forbiddenTitle'], `${p}: allowed`);
          const text = await page.evaluate(() => document.body.innerText);
          const raw = KEYS.filter((k) => text.includes(k) && /^[a-z]+[A-Za-z]*\.[a-zA-Z_]+$/.test(k) && !/\.(self|other|family|host|none)$/.test(k));
          assert.deepEqual(raw, [], `${p}: untranslated keys`);
          if (lang === 'en') assert.ok(!text.includes(messages.ja['nav.logout']), `${p}: Japanese UI text in English`);
          // The landmarks a screen reader moves by.
          assert.equal(await page.locator('header[role=banner], main#main').count(), 2);
          await shot(page, `page-${lang}-${role}-${p.replace(/\//g, '_')}`);
        }
        assert.deepEqual(problems, [], 'no page or console errors');
      });
    });
  }
}

test('a role is refused a page of another role, and / sends each role home', async (t) => {
  await withBrowser(t, {}, async ({ page }) => {
    await login(page, 'supporter1');
    await go(page, '/app/compliance');
    await page.getByRole('heading', { name: messages.ja['error.forbiddenTitle'] }).waitFor();
    await page.goto(`${BASE}/`);
    await page.waitForURL('**/app/home');
  });
});

test('wrong password shows an error without leaving the page', async (t) => {
  await withBrowser(t, {}, async ({ page }) => {
    await page.goto(`${BASE}/app/login`);
    await page.locator('#login').fill('coordinator');
    await page.locator('#password').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    await page.locator('main').getByText(messages.ja['login.invalid']).waitFor();
    assert.ok(page.url().endsWith('/app/login'));
  });
});
