// data/web/js/format.js under node: the 和暦 arithmetic agrees with ICU's
// Japanese calendar (Intl) on era boundaries and a spread of dates; 年度 and
// yen.  No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The file is a browser module without a package.json: import a copy as .mjs.
const src = join(dirname(fileURLToPath(import.meta.url)), '../../data/web/js/format.js');
const copy = join(mkdtempSync(join(tmpdir(), 'ts-format-')), 'format.mjs');
copyFileSync(src, copy);
const f = await import(pathToFileURL(copy).href);

function intlJa(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

test('和暦 dates match the Japanese calendar of Intl', () => {
  f.setFormatLang('ja');
  const dates = ['1926-12-24', '1926-12-25', '1989-01-07', '1989-01-08', '2019-04-30', '2019-05-01',
    '2019-12-31', '2020-01-01', '2024-02-29', '2025-03-31', '2025-04-01', '2025-11-25', '2030-01-01'];
  for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2040, 0, 1); t += 37 * 86400000) dates.push(new Date(t).toISOString().slice(0, 10));
  for (const iso of dates) assert.equal(f.fmtDate(iso), intlJa(iso), iso);
});

test('年度 and months', () => {
  f.setFormatLang('ja');
  assert.equal(f.fmtFiscalYear(2025), '令和7年度');
  assert.equal(f.fmtFiscalYear(2019), '令和元年度');
  assert.equal(f.fmtFiscalYear(2018), '平成30年度');
  assert.equal(f.fmtMonth('2026-03'), '令和8年3月');
  assert.equal(f.fiscalYearOf('2026-03-31'), 2025);
  assert.equal(f.fiscalYearOf('2026-04-01'), 2026);
  assert.equal(f.addMonths('2025-01', -1), '2024-12');
  assert.equal(f.addMonths('2025-12', 1), '2026-01');
  assert.equal(f.fmtShortDate('2025-11-25'), '11/25(火)');
  f.setFormatLang('en');
  assert.equal(f.fmtFiscalYear(2025), 'FY2025 (Reiwa 7)');
  assert.equal(f.fmtDate('2025-11-25'), '25 Nov 2025');
  assert.equal(f.fmtMonth('2025-11'), 'November 2025');
  f.setFormatLang('ja');
});

test('yen', () => {
  assert.match(f.yen(3207000), /^[¥￥]3,207,000$/);
  assert.equal(f.yen(null), '—');
});
