// The auditor's pages (issue 14): each downloads its CSV (the server's
// text/csv, as Excel reads it: a byte order mark, Japanese headers, dates
// without a time or "+09:00", totals apart from the data rows) under a
// Japanese file name; the payments chart's money axes read 万円 / 千円, never
// "k"; the audit log lists its entries a page at a time, by days, with the
// server's refusal next to its field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withBrowser, login, go, messages, apiOk } from './lib.mjs';

// format.js is a browser module without a package.json: a copy as .mjs.
const copy = join(mkdtempSync(join(tmpdir(), 'ts-format-')), 'format.mjs');
copyFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../data/web/js/format.js'), copy);
const { yenAxis, setFormatLang } = await import(pathToFileURL(copy).href);

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };
const BOM = '\ufeff';
// The refusal the last test asks for is the browser's console error too.
const unexpected = (problems) => problems.filter((p) => !/status of 422/.test(p));

// Today and the fiscal year in Asia/Tokyo, as the page computes them.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const [ty, tm] = today.split('-').map(Number);
const fy = tm >= 4 ? ty : ty - 1;
const reiwa = fy - 2018;

// Clicks @button and answers the download: its suggested name and text.
async function downloadFrom(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

function lines(text) {
  assert.ok(text.startsWith(BOM), 'UTF-8 with a byte order mark');
  assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
  assert.ok(!text.includes('+09:00'), 'no zone in a date');
  return text.slice(1).split('\r\n');
}

test('money axes: 万円 or 千円 in Japanese, readable yen in English, never "0k"', () => {
  setFormatLang('ja');
  assert.deepEqual(yenAxis([0, 50000, 100000, 150000], 50000), ['0', '5万円', '10万円', '15万円']);
  assert.deepEqual(yenAxis([0, 2000, 4000], 2000), ['0', '2千円', '4千円']);
  assert.deepEqual(yenAxis([0, 1000000, 2000000, 3000000], 1000000), ['0', '100万円', '200万円', '300万円']);
  assert.deepEqual(yenAxis([0, 500, 1000, 1500], 500), ['0', '0.5千円', '1.0千円', '1.5千円']);
  assert.deepEqual(yenAxis([0, 250, 500], 250), ['0', '0.25千円', '0.50千円']);
  setFormatLang('en');
  assert.deepEqual(yenAxis([0, 50000, 100000], 50000), ['0', '¥50k', '¥100k']);
  assert.deepEqual(yenAxis([0, 500000, 1000000, 1500000], 500000), ['0', '¥0.5M', '¥1.0M', '¥1.5M']);
  assert.deepEqual(yenAxis([0, 200, 400], 200), ['0', '¥200', '¥400']);
  setFormatLang('ja');
});

test('auditor: each page downloads its CSV, as Excel reads it', async (t) => {
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'auditor');

    // Training compliance on today.
    await go(page, '/app/compliance');
    await page.locator('[data-testid=compliance] .tile').first().waitFor();
    const training = await downloadFrom(page, page.getByRole('button', { name: ja['compliance.csv'] }));
    assert.equal(training.name, `研修状況_${today}.csv`);
    const tl = lines(training.text);
    assert.equal(tl[0], 'サポーター番号,氏名,市区町村コード,市区町村,状態,最終研修日,フォローアップ期限');
    const blank = tl.indexOf('');
    for (const row of tl.slice(1, blank)) assert.match(row, /,\d{4}-\d{2}-\d{2}$/, row);
    // The totals after an empty line: the day of the count is a plain date.
    assert.equal(tl[blank + 1], '基準日,合計,有効,期限間近,失効,未受講');
    assert.match(tl[blank + 2], new RegExp(`^${today},\\d+,\\d+,\\d+,\\d+,\\d+$`));
    const places = await downloadFrom(page, page.getByRole('button', { name: ja['compliance.csvPlaces'] }));
    assert.equal(places.name, `研修状況_市区町村別_${today}.csv`);
    assert.equal(lines(places.text)[0], '市区町村コード,市区町村,都道府県,合計,有効,期限間近,失効,未受講');

    // Payments of this fiscal year.
    await go(page, '/app/payments');
    await page.locator('[data-testid=payments]').waitFor();
    const payments = await downloadFrom(page, page.getByRole('button', { name: ja['payments.csv'] }));
    assert.equal(payments.name, `支払状況_令和${reiwa === 1 ? '元' : reiwa}年度.csv`);
    const pl = lines(payments.text);
    assert.equal(pl[0], '月,謝礼,交通費,職親謝金,調整,行事謝礼,サポーター分,職親分,合計');
    assert.match(pl[1], new RegExp(`^${fy}-04(,-?\\d+){8}$`));
    assert.equal(pl[13], '');
    assert.equal(pl[14], '年度,謝礼,交通費,職親謝金,調整,行事謝礼,サポーター分,職親分,合計');
    // The year's total in the CSV is the page's.
    const audit = await apiOk('auditor', 'GET', `/v1/audit/payments?fiscal_year=${fy}`);
    assert.equal(pl[15].split(',')[8], String(audit.total_yen));
    const payees = await downloadFrom(page, page.getByRole('button', { name: ja['payments.csvPayees'] }));
    assert.equal(lines(payees.text)[0], '支払先区分,サポーター番号,支払先名,明細書数,金額');

    // The audit log: every entry of the auditor's scope up to today.
    await go(page, '/app/audit-log');
    await page.locator('[data-testid=audit-entries] tbody tr').first().waitFor();
    const log = await downloadFrom(page, page.getByRole('button', { name: ja['auditLog.csv'] }));
    assert.equal(log.name, `監査ログ_${today}まで.csv`);
    const ll = lines(log.text);
    assert.equal(ll[0], '番号,日時,役割,利用者ID,操作,対象,対象ID,組織ID');
    // The time of an entry as YYYY-MM-DD HH:MM in Asia/Tokyo.
    assert.match(ll[1], /^\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2},/);
    const lb = ll.indexOf('');
    assert.equal(ll[lb + 1], '件数,最初の番号,最後の番号,続き');
    assert.equal(ll[lb + 2].split(',')[0], String(lb - 1));
    assert.deepEqual(problems, []);
  });
});

test('auditor: the payments chart reads 万円 / 千円, never "k"', async (t) => {
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'auditor');
    await go(page, '/app/payments');
    const chart = page.locator('.chart[data-axis-monthly][data-axis-cumulative]');
    await chart.waitFor();
    for (const name of ['data-axis-monthly', 'data-axis-cumulative']) {
      const labels = (await chart.getAttribute(name)).split('|');
      assert.ok(labels.length >= 2, `${name}: ${labels}`);
      for (const l of labels) {
        assert.ok(!/k|M/.test(l), `${name}: ${l}`);
        if (l !== '0') assert.match(l, /^[\d,.]+(万円|千円)$/, `${name}: ${l}`);
      }
    }
    // The budget (3,207千円 in the demo) puts the cumulative axis in 万円.
    assert.match(await chart.getAttribute('data-axis-cumulative'), /万円/);
    assert.deepEqual(problems, []);
  });
});

test('auditor: the audit log a page at a time, by days, the refusal beside its field', async (t) => {
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'auditor');
    await go(page, '/app/audit-log');
    const rows = page.locator('[data-testid=audit-entries] tbody tr');
    await rows.first().waitFor();
    // More than a page in the demo: the next page starts after the first.
    const firstSeq = Number(await rows.first().locator('td').first().textContent());
    const next = page.getByTestId('log-next');
    if (await next.isEnabled()) {
      await next.click();
      await page.locator('[data-testid=audit-entries] caption').getByText(/^51〜/).waitFor();
      assert.ok(Number(await rows.first().locator('td').first().textContent()) > firstSeq);
      await page.getByRole('button', { name: ja['auditLog.prev'] }).click();
      await page.locator('[data-testid=audit-entries] caption').getByText(/^1〜/).waitFor();
    }
    // Today's entries only; the CSV is named after the days.
    await page.locator('input[name=from]').fill(today);
    await page.locator('input[name=to]').fill(today);
    await rows.first().waitFor();
    assert.match(await rows.first().locator('td').nth(1).textContent(), new RegExp(`^${ty}/${String(tm).padStart(2, '0')}/`));
    const log = await downloadFrom(page, page.getByRole('button', { name: ja['auditLog.csv'] }));
    assert.equal(log.name, `監査ログ_${today}_${today}.csv`);
    assert.match(lines(log.text)[1], new RegExp(`^\\d+,${today} \\d{2}:\\d{2},`));
    // A last day before the first: the server's message next to "to".
    await page.locator('input[name=from]').fill('2026-01-02');
    await page.locator('input[name=to]').fill('2026-01-01');
    const to = page.locator('input[name=to]');
    await page.locator('[aria-invalid=true][name=to]').waitFor();
    const msg = await page.locator(`#${await to.getAttribute('aria-describedby')}`).textContent();
    assert.equal(msg, '開始日より前の日付は指定できません');
    // The check of the chain, as before.
    await page.getByRole('button', { name: ja['auditLog.verify'] }).click();
    await page.locator('[data-testid=verify-result]').getByText(/問題ありません/).waitFor();
    assert.deepEqual(unexpected(problems), []);
  });
});
