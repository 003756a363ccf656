// The statistics page (issue 16): for a coordinator, the tables show the
// figures GET /v1/statistics gives for the demo's year (every table, its 計
// rows, the supporters, activities, 行事・居場所 attendance and payments),
// the charts are drawn, and the CSV downloads as the server writes it
// (UTF-8 with a BOM, CRLF, 令和 labels) under a Japanese file name; an
// auditor of the prefecture sees the same page with X where the API
// suppressed a cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { withBrowser, login, go, messages, api, apiOk, todayTokyo } from './lib.mjs';

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };
const [ty, tm] = todayTokyo().split('-').map(Number);
const fy = tm >= 4 ? ty : ty - 1;
const yearName = `令和${fy - 2018}年度`;
const n = (v) => (v === null ? 'X' : new Intl.NumberFormat('ja-JP').format(v));
const yen = (v) => new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' }).format(v);

// The cells of a table's body, row by row, as the page shows them.
async function cells(page, testid) {
  return page.locator(`[data-testid=${testid}] tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
}

test('statistics: the demo year\'s tables and charts, and the CSV', async (t) => {
  const s = await apiOk('coordinator', 'GET', `/v1/statistics?fiscal_year=${fy}`);
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await page.getByRole('link', { name: ja['nav.statistics'] }).click();
    await page.waitForURL((u) => u.pathname === '/app/statistics');
    await page.locator('[data-testid=table-budget]').waitFor();
    assert.equal((await page.locator('h1').first().textContent()).trim().startsWith(ja['statistics.title']), true);
    assert.equal(await page.locator('[data-testid=suppressed]').count(), 0);

    // 相談実績: three years, oldest first, with the API's counts.
    const years = await cells(page, 'table-years');
    assert.deepEqual(years, s.years.map((y) => [`令和${y.fiscal_year - 2018}年度`, n(y.contacts), n(y.first_contacts),
      n(y.first_by_contactor.self), n(y.first_by_contactor.family), n(y.first_by_contactor.other)]));
    // By method, with the 計 row.
    const methods = await cells(page, 'table-methods');
    assert.equal(methods.length, 9);
    assert.equal(methods[0][0], '電話相談');
    assert.deepEqual(methods.map((r) => r.slice(1)), [...s.contacts_by_method.map((m) => [n(m.total), n(m.first)]),
      [n(s.totals.contacts_by_method.total), n(s.totals.contacts_by_method.first)]]);
    const keys = ['self', 'self_50_plus', 'parent', 'parent_80_plus', 'sibling', 'other', 'total'];
    const contactors = await cells(page, 'table-contactors');
    assert.deepEqual(contactors.at(-1), ['計', ...keys.map((k) => n(s.totals.first_contacts_by_contactor[k]))]);
    const persons = await cells(page, 'table-persons');
    assert.deepEqual(persons.map((r) => r[0]), ['10代', '20代', '30代', '40代', '50代以上', '年齢不明', '計']);
    assert.deepEqual(persons.at(-1).slice(1), ['male', 'female', 'other', 'unknown', 'total'].map((k) => n(s.totals.persons_by_age_gender[k])));

    // The programme's tables: the demo has supporters, activities and payments.
    assert.ok(s.supporters_by_municipality.length > 0, 'the demo has supporters');
    const supporters = await cells(page, 'table-supporters');
    assert.deepEqual(supporters, s.supporters_by_municipality.map((r) => [r.municipality_name || r.municipality_code,
      n(r.registered), n(r.trained), n(r.follow_up_due), n(r.lapsed)]));
    if (s.activities_by_municipality_kind.length) {
      const activities = await cells(page, 'table-activities');
      assert.deepEqual(activities.map((r) => r[2]), s.activities_by_municipality_kind.map((r) => n(r.count)));
      assert.deepEqual(activities.map((r) => r[4]), s.activities_by_municipality_kind.map((r) => yen(r.honoraria_yen)));
    }
    // 行事・居場所 (issue 18): the seven kinds in the vocabulary's order and 計.
    const ek = ['events', 'self', 'family', 'other', 'participants', 'supporters'];
    const events = await cells(page, 'table-events');
    assert.deepEqual(events.map((r) => r[0]), [...s.events_by_kind.map((r) => ja[`eventKind.${r.kind}`]), '計']);
    assert.deepEqual(events.map((r) => r.slice(1)), [...s.events_by_kind.map((r) => ek.map((k) => n(r[k]))),
      ek.map((k) => n(s.totals.events_by_kind[k]))]);
    assert.equal(events.length, 8);
    assert.ok(s.totals.events_by_kind.participants > 0, 'the demo records attendance counts');
    assert.equal((await page.locator('[data-testid=paid]').textContent()).trim(), yen(s.budget.paid_yen));
    const budget = await cells(page, 'table-budget');
    assert.equal(budget.length, 12);
    assert.deepEqual(budget.map((r) => r[2]), s.budget.months.map((m) => yen(m.cumulative_yen)));

    // The three charts are drawn (uPlot's canvas), the money axis in 万円 / 千円.
    for (const id of ['chart-months', 'chart-persons', 'chart-budget']) {
      await page.locator(`[data-testid=${id}] canvas`).first().waitFor();
    }
    const axis = await page.locator('[data-testid=chart-budget]').getAttribute('data-axis-cumulative');
    assert.ok(axis && !/k/.test(axis), axis);

    // The CSV: the server's document, byte for byte, under a Japanese name.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=csv]').click()]);
    assert.equal(dl.suggestedFilename(), `統計_${yearName}.csv`);
    const text = readFileSync(await dl.path(), 'utf8');
    const server = await api('coordinator', 'GET', `/v1/statistics?fiscal_year=${fy}`, undefined, { Accept: 'text/csv' });
    // (fetch's text() drops the byte order mark the file keeps)
    assert.equal(text, `\ufeff${server.text.replace(/^\ufeff/, '')}`);
    assert.ok(text.startsWith(`\ufeff統計,${yearName},${fy}-04-01,${fy + 1}-03-31\r\n`));
    assert.ok(text.includes('\r\n相談手法別実績\r\n相談手法,件数(延べ数),うち新規\r\n電話相談,'));
    assert.ok(text.endsWith('\r\n'));
    assert.deepEqual(problems, []);
  });
});

test('statistics: an auditor of the prefecture sees X where the API suppressed', async (t) => {
  const s = await apiOk('auditor', 'GET', `/v1/statistics?fiscal_year=${fy}`);
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'auditor');
    await go(page, '/app/statistics');
    await page.locator('[data-testid=table-budget]').waitFor();
    assert.equal(await page.locator('[data-testid=suppressed]').count(), s.suppression.applied ? 1 : 0);
    const want = s.supporters_by_municipality.map((r) => [r.municipality_name || r.municipality_code,
      n(r.registered), n(r.trained), n(r.follow_up_due), n(r.lapsed)]);
    if (want.length) assert.deepEqual(await cells(page, 'table-supporters'), want);
    const nulls = s.supporters_by_municipality.flatMap((r) => [r.registered, r.trained, r.follow_up_due, r.lapsed]).filter((v) => v === null).length;
    assert.equal(await page.locator('[data-testid=table-supporters] td.suppressed').count(), nulls);
    const eventNulls = [...s.events_by_kind, s.totals.events_by_kind].flatMap((r) => Object.values(r)).filter((v) => v === null).length;
    assert.equal(await page.locator('[data-testid=table-events] td.suppressed').count(), eventNulls);
    assert.deepEqual(problems, []);
  });
});
