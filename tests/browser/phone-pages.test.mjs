// The phone pages measured at 360 px (issue 15): every visible interactive
// element — a, button, input, select, textarea, summary, [role=button] — has
// a box of at least 44 × 44 px, the supporter's pages (home, report, the
// sent card, statements, devices) and the host's (today, placements with
// their attendance open, the calendar).  Exempt, as WCAG 2.5.5 exempts
// them: a link inside a sentence (an `a` in a paragraph with other text).
// A radio or checkbox counts with its label, which is what a finger taps.
// After an invalid submit, focus is on the first bad field.  And the phone
// pages only ever load the phone part of the messages (i18n/ja.phone.json,
// i18n/phone.txt): the whole ja.json is never asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, login, go, assignmentFor, ensureHost, messages, shot } from './lib.mjs';

const ja = messages.ja;
const PHONE = { viewport: { width: 360, height: 740 } };

// The elements a finger would miss, as "what (w×h)".
async function smallTargets(page) {
  return page.evaluate(() => {
    const out = [];
    const visible = (el) => {
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 2 && r.height > 2
        && r.right > 0 && r.bottom + scrollY > 0 && !el.closest('[hidden], .sr-only');
    };
    const inlineLink = (el) => {
      if (el.tagName !== 'A' || el.classList.contains('btn')) return false;
      const p = el.closest('p');
      return p !== null && p.textContent.replace(el.textContent, '').trim() !== '';
    };
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [role=button]')) {
      if (el.type === 'hidden' || !visible(el) || inlineLink(el)) continue;
      let box = el;
      if (el.type === 'radio' || el.type === 'checkbox') box = el.closest('label') || document.querySelector(`label[for="${el.id}"]`) || el;
      const r = box.getBoundingClientRect();
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
        const name = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || el.tagName).trim().slice(0, 30);
        out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  });
}

function watchMessages(page) {
  const asked = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/\/i18n\/([^/]+)$/);
    if (m) asked.push(m[1]);
  });
  return asked;
}

async function checkPage(page, where) {
  await page.waitForFunction(() => !document.querySelector('main .loading, main [aria-busy=true]'));
  await page.waitForTimeout(300);
  await shot(page, `phone-pages-${where}`);
  assert.deepEqual(await smallTargets(page), [], `${where}: tap targets under 44 × 44 px`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), `${where}: no horizontal scrolling`);
}

test('supporter pages at 360 px: every tap target 44 × 44, focus on the first bad field, only the phone messages', async (t) => {
  await assignmentFor('supporter3');
  await withBrowser(t, PHONE, async ({ page, problems }) => {
    const asked = watchMessages(page);
    await login(page, 'supporter3');
    await page.locator('main .card').first().waitFor();
    await checkPage(page, 'home');

    await go(page, '/app/report');
    const form = page.locator('[data-testid=report-form]');
    await form.waitFor();
    await checkPage(page, 'report');
    // An invalid submit: the first bad field (the kind) has focus, and the
    // form's summary is in view.
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    await page.locator('#kind-error').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.name), 'kind');
    // Kind chosen, minutes still empty: now the minutes are the first bad field.
    await page.locator('input[name=kind][value=phone]').check();
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    await page.waitForFunction(() => document.activeElement.id === 'minutes');
    await checkPage(page, 'report-invalid');

    await page.locator('#minutes').fill('20');
    await page.locator('#note').fill(`targets-${Date.now()}`);
    await page.getByRole('button', { name: ja['report.submit'] }).click();
    await page.locator('[data-testid=sent-card]').waitFor();
    await checkPage(page, 'sent-card');

    await go(page, '/app/my-statements');
    await page.getByRole('heading', { level: 1, name: ja['statement.title'] }).waitFor();
    await checkPage(page, 'statements');

    await go(page, '/app/devices');
    await page.locator('#device-remember').waitFor();
    await checkPage(page, 'devices');
    // The PIN form sent empty: focus on its first bad field.
    await page.locator('#device-remember button[type=submit]').click();
    await page.locator('#device-remember [aria-invalid=true]').first().waitFor();
    const firstBad = await page.evaluate(() => document.querySelector('#device-remember [aria-invalid=true]').id);
    assert.equal(await page.evaluate(() => document.activeElement.id), firstBad);

    assert.ok(asked.length > 0);
    assert.deepEqual(asked.filter((f) => f !== 'ja.phone.json'), [], 'the phone pages need only ja.phone.json');
    assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
  });
});

test('host pages at 360 px: today, placements with attendance open, the calendar — 44 × 44, phone messages only', async (t) => {
  await ensureHost('host1');
  await withBrowser(t, PHONE, async ({ page, problems }) => {
    const asked = watchMessages(page);
    await login(page, 'host1');
    await page.locator('[data-testid=host-today]').waitFor();
    await page.locator('[data-testid=calendar] [role=table], [data-testid=calendar] .empty').first().waitFor();
    await checkPage(page, 'host-today');
    // Every placement's attendance opened.
    const summaries = page.locator('main details > summary');
    for (let i = 0; i < await summaries.count(); i++) await summaries.nth(i).click();
    await checkPage(page, 'host-placements');
    // The calendar's previous month.
    await page.locator('[data-testid=calendar] .month-picker button').first().click();
    await checkPage(page, 'host-calendar');
    assert.deepEqual(asked.filter((f) => f !== 'ja.phone.json'), [], 'the host\'s page needs only ja.phone.json');
    assert.deepEqual(problems, []);
  });
});

// Every message of the other language that the page could show: texts of
// four characters or more that differ between the languages (shorter ones,
// like 電話, may also be in a report's note).
function visibleMessages(page, texts) {
  return page.evaluate((list) => {
    const seen = document.body.innerText;
    return list.filter((x) => seen.includes(x));
  }, texts);
}

const jaOnly = Object.entries(ja).filter(([k, v]) => !v.includes('{') && v.length >= 4 && v !== messages.en[k]).map(([, v]) => v);
const enOnly = Object.entries(messages.en).filter(([k, v]) => !v.includes('{') && v.length >= 8 && v !== ja[k]).map(([, v]) => v);

test('a language switch redraws the visible messages of the phone pages, with the phone part of each language', async (t) => {
  await assignmentFor('supporter3');
  await withBrowser(t, PHONE, async ({ page, problems }) => {
    const asked = watchMessages(page);
    await login(page, 'supporter3');
    await page.locator('main .card').first().waitFor();
    for (const path of ['/app/home', '/app/report', '/app/my-statements', '/app/devices']) {
      await go(page, path);
      await page.waitForFunction(() => !document.querySelector('main .loading'));
      const h1 = page.locator('main h1');
      await page.getByRole('button', { name: 'English' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.getByRole('button', { name: '日本語' }).waitFor();
      await page.waitForTimeout(300);
      assert.deepEqual(await visibleMessages(page, jaOnly), [], `${path} in English: no Japanese message left`);
      const english = await h1.textContent();
      await page.getByRole('button', { name: '日本語' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'ja');
      await page.getByRole('button', { name: 'English' }).waitFor();
      await page.waitForTimeout(300);
      assert.deepEqual(await visibleMessages(page, enOnly), [], `${path} in Japanese: no English message left`);
      assert.notEqual(await h1.textContent(), english, `${path}: the title follows`);
    }
    assert.deepEqual([...new Set(asked)].sort(), ['en.phone.json', 'ja.phone.json']);
    assert.deepEqual(problems, []);
  });
  await ensureHost('host1');
  await withBrowser(t, PHONE, async ({ page, problems }) => {
    const asked = watchMessages(page);
    await login(page, 'host1');
    await page.locator('[data-testid=host-today]').waitFor();
    await page.waitForFunction(() => !document.querySelector('main .loading'));
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('[data-testid=host-today] h2').getByText(/^Today/).waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(await visibleMessages(page, jaOnly), [], 'the host\'s page in English: no Japanese message left');
    assert.deepEqual([...new Set(asked)].sort(), ['en.phone.json', 'ja.phone.json']);
    assert.deepEqual(problems, []);
  });
});
