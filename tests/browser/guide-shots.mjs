// The screenshots of docs/user-guide.md, taken from a demo database by
// `tests/browser/run --guide` (viewport only, phone or desk size).
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, login, go, api, apiOk, assignmentFor, makeCase, supporterIdOf, makeEligible, todayTokyo, BASE } from './lib.mjs';

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
  const { page, close } = await openBrowser({ ...phone, lang: 'en' });
  await login(page, 'supporter1');
  await snap(page, 'supporter-home-en');
  await close();
}
console.log(`screenshots in ${out} (from ${BASE})`);
