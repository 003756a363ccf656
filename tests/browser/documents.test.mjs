// The printable documents' download buttons (issue 16): a click fetches the
// PDF with the bearer token and hands it to the browser as a download.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { withBrowser, login, go, supporterIdOf, ensureHost, messages } from './lib.mjs';

const ja = messages.ja;
const desk = { viewport: { width: 1280, height: 900 } };

async function pdfOf(page, testid) {
  const button = page.locator(`[data-testid=${testid}]`).first();
  await button.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF arrives');
  assert.ok(bytes.length > 10000, `a whole PDF (${bytes.length} bytes)`);
  return download.suggestedFilename();
}

test('coordinator: the サポーター証 of a supporter, from the supporter page', async (t) => {
  const id = await supporterIdOf('supporter1');
  await withBrowser(t, desk, async ({ page, problems }) => {
    await login(page, 'coordinator');
    await go(page, `/app/supporters/${id}`);
    await page.getByRole('button', { name: ja['documents.card'] }).waitFor();
    assert.match(await pdfOf(page, 'card-pdf'), /^supporter-card-.+\.pdf$/);
    assert.deepEqual(problems, []);
  });
});

test('host: its month report, from its own page', async (t) => {
  await ensureHost('host1');
  await withBrowser(t, {}, async ({ page, problems }) => {
    await login(page, 'host1');
    await go(page, '/app/host');
    await page.getByRole('button', { name: ja['documents.hostReport'] }).waitFor();
    assert.match(await pdfOf(page, 'host-report-pdf'), /^host-report-\d+-\d{4}-\d{2}\.pdf$/);
    assert.deepEqual(problems, []);
  });
});
