// Lighthouse's accessibility audit of the staff workspace's pages (issue 14:
// accessibility stays ≥ 95 on the new pages), one subtest per page, in every
// run of the browser tests.  Desktop form factor without throttling: the
// score does not depend on speed, and one run per page is exact (unlike the
// performance score measured by lighthouse.mjs on the supporter's phone
// pages).  The failing audits are named in the assertion message; the
// reports are kept in artifacts/a11y-*.html.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { snapshot } from 'lighthouse';
import { BASE, PASSWORD, ADMIN_PASSWORD, ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, messages } from './lib.mjs';

const MIN = 0.95;
const SETTINGS = {
  formFactor: 'desktop', screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
  throttlingMethod: 'provided', throttling: { rttMs: 0, throughputKbps: 0, cpuSlowdownMultiplier: 1 },
};

// Pages with their forms open where a form is behind a button.
const PAGES = {
  admin: [
    ['/app/supporters/new'], ['/app/cases/new'], ['/app/hosts/new'],
    ['/app/users', 'users.new'], ['/app/organisations', 'orgs.new'],
    ['/app/settings/rates'], ['/app/settings/budgets'],
  ],
  coordinator: [['/app/dispatch'], ['/app/approvals'], ['/app/statements'], ['/app/placements', 'placements.new'],
    ['/app/contacts']],
  auditor: [['/app/compliance'], ['/app/payments'], ['/app/audit-log']],
};

// Pages held to 100 (issue 16: the intake desk's form).
const PERFECT = new Set(['/app/contacts']);

let browser;
let dir;
const pages = {};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ts-a11y-'));
  browser = await puppeteer.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, userDataDir: dir, headless: true, defaultViewport: null });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// One tab per role, signed in (the token lives in the tab's sessionStorage).
async function tabFor(who) {
  if (pages[who]) return pages[who];
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${BASE}/app/login`, { waitUntil: 'networkidle0' });
  await page.type('#login', who);
  await page.type('#password', who === 'admin' ? ADMIN_PASSWORD : PASSWORD);
  await Promise.all([page.waitForFunction(() => !location.pathname.endsWith('/app/login')), page.click('form button[type=submit]')]);
  pages[who] = page;
  return page;
}

const ja = messages.ja;

for (const [who, list] of Object.entries(PAGES)) {
  for (const [path, opener] of list) {
    test(`accessibility ≥ 95: ${path} as ${who}${opener ? ' (form open)' : ''}`, async (t) => {
      const page = await tabFor(who);
      // Client-side navigation keeps the session.
      await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
      await page.waitForSelector('main h1');
      await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"], main .loading'));
      if (opener) {
        const [button] = await page.$$(`xpath/.//main//button[normalize-space(.)="${ja[opener]}"]`);
        assert.ok(button, `a button ${ja[opener]} on ${path}`);
        await button.click();
        await page.waitForSelector('main form');
      }
      // A snapshot audits the page as it stands (the form opened), without
      // navigating.
      const result = await snapshot(page, {
        config: { extends: 'lighthouse:default', settings: { onlyCategories: ['accessibility'], ...SETTINGS } },
        flags: { output: 'html', logLevel: 'error' },
      });
      const lhr = result.lhr;
      writeFileSync(join(ARTIFACTS, `a11y-${who}${path.replace(/\//g, '-')}.html`), result.report);
      const score = lhr.categories.accessibility.score;
      const failing = lhr.categories.accessibility.auditRefs
        .map((r) => lhr.audits[r.id])
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => `${a.id}: ${(a.details?.items || []).slice(0, 3).map((i) => i.node?.snippet || '').join(' | ')}`);
      const ran = lhr.categories.accessibility.auditRefs.filter((r) => lhr.audits[r.id].score !== null).length;
      t.diagnostic(`${path}: accessibility ${Math.round(score * 100)} (${ran} audits applied)`);
      assert.ok(ran >= 15, `the audit ran on a real page: ${ran} audits applied`);
      assert.ok(score >= MIN, `${path}: accessibility ${Math.round(score * 100)} < 95; ${failing.join('; ')}`);
      if (PERFECT.has(path)) assert.equal(score, 1, `${path}: accessibility ${Math.round(score * 100)} < 100; ${failing.join('; ')}`);
    });
  }
}
