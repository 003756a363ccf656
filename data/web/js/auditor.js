// The prefecture's pages: training compliance on a date, payments of a fiscal
// year against the budget, and the audit log (its entries and the check of
// its chain).  Nothing here shows a case: the API gives an auditor
// supporters' qualification, money and the log's entries only.  Every page
// downloads what it shows as the server's CSV (issue 14: UTF-8 with a BOM,
// dates as Excel reads them, totals apart from the data rows).
import {
  html, useState, t, label, api, qs, lang, PageTitle, Loading, ErrorBox, Empty, Badge, useLoad,
  fmtDate, fmtDateTime, fmtMonth, fmtFiscalYear, fiscalYearOf, yen, num, todayISO, announce, query,
  errorText, setQuery, fieldErrors, ApiError, DownloadButton,
} from './core.js';
import { Chart, budgetChart } from './chart.js';

const QUALS = ['valid', 'due_soon', 'lapsed', 'untrained'];

// A button that downloads the server's CSV of the page (Accept: text/csv)
// under a file name of the page's language; a refusal shows beside it.
function CsvButton({ path, filename, text, testid = 'csv' }) {
  return html`<${DownloadButton} path=${path} accept="text/csv" filename=${filename} text=${text || t('audit.csv')}
    testid=${testid} done="audit.csvDone" />`;
}

// ---- compliance -----------------------------------------------------------------

function StackedBars({ rows }) {
  const max = Math.max(1, ...rows.map((r) => r.counts.total || 0));
  return html`<div class="stacked" aria-hidden="true">
    <ul class="legend">${QUALS.map((q) => html`<li><span class=${`key q-${q}`}></span>${label('qualification', q)}</li>`)}</ul>
    ${rows.map((r) => html`<div class="stack-row">
      <span class="stack-label">${r.municipality_name || r.municipality_code}</span>
      <span class="stack-bar">${QUALS.map((q) => (r.counts[q] ? html`<span class=${`seg q-${q}`}
        style=${{ width: `${(100 * r.counts[q]) / max}%` }}>${r.counts[q]}</span>` : null))}</span>
    </div>`)}
  </div>`;
}

function PeopleTable({ list, testid }) {
  if (!list.length) return html`<${Empty} />`;
  return html`<div class="table-wrap"><table data-testid=${testid}>
    <thead><tr><th scope="col">${t('supporters.name')}</th><th scope="col">${t('supporters.code')}</th><th scope="col">${t('supporters.municipality')}</th>
      <th scope="col">${t('home.lastTraining')}</th><th scope="col">${t('home.followUpDue')}</th></tr></thead>
    <tbody>${list.map((p) => html`<tr><td>${p.name}</td><td>${p.code || '—'}</td><td>${p.municipality_name || p.municipality_code}</td>
      <td>${fmtDate(p.last_training_on)}</td><td>${fmtDate(p.follow_up_due_on)}</td></tr>`)}</tbody>
  </table></div>`;
}

export function Compliance() {
  const [on, setOn] = useState(query('on') || todayISO());
  const r = useLoad(() => api('GET', `/v1/audit/training${qs({ on })}`), [on]);
  const d = r.data;
  const rows = d ? [...(d.municipalities || [])].sort((a, b) => (b.counts.total || 0) - (a.counts.total || 0)) : [];
  return html`
    <${PageTitle} sub=${t('compliance.sub')}>${t('compliance.title')}</${PageTitle}>
    <div class="card filters"><div class="field"><label for="on">${t('compliance.on')}</label>
      <input id="on" type="date" value=${on} onChange=${(e) => { if (e.currentTarget.value) { setOn(e.currentTarget.value); setQuery({ on: e.currentTarget.value }); } }} /></div>
      <p class="muted">${fmtDate(on)}</p>
      <p class="actions">
        <${CsvButton} path=${`/v1/audit/training${qs({ on })}`} filename=${t('compliance.csvFile', { on })} text=${t('compliance.csv')} />
        <${CsvButton} path=${`/v1/audit/training${qs({ on, table: 'municipalities' })}`} testid="csv-municipalities"
          filename=${t('compliance.csvPlacesFile', { on })} text=${t('compliance.csvPlaces')} /></p></div>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : html`
      <section class="card" aria-labelledby="cnt-h" data-testid="compliance">
        <h2 id="cnt-h">${t('compliance.counts', { n: d.counts.total })}</h2>
        <ul class="tiles">${QUALS.map((q) => html`<li class=${`tile q-${q}-tile`}><span class="tile-n">${num(d.counts[q])}</span><span>${label('qualification', q)}</span></li>`)}</ul>
      </section>
      <section class="card" aria-labelledby="mun-h"><h2 id="mun-h">${t('compliance.byMunicipality')}</h2>
        <${StackedBars} rows=${rows} />
        <div class="table-wrap"><table>
          <caption class="sr-only">${t('compliance.byMunicipality')}</caption>
          <thead><tr><th scope="col">${t('supporters.municipality')}</th>${QUALS.map((q) => html`<th scope="col" class="num">${label('qualification', q)}</th>`)}<th scope="col" class="num">${t('compliance.total')}</th></tr></thead>
          <tbody>${rows.map((m) => html`<tr><th scope="row">${m.municipality_name || m.municipality_code}</th>
            ${QUALS.map((q) => html`<td class="num">${num(m.counts[q])}</td>`)}<td class="num">${num(m.counts.total)}</td></tr>`)}</tbody>
        </table></div>
      </section>
      <section class="card" aria-labelledby="lap-h"><h2 id="lap-h"><${Badge} group="qualification" code="lapsed" /> ${t('compliance.lapsed', { n: (d.lapsed || []).length })}</h2>
        <${PeopleTable} list=${d.lapsed || []} testid="lapsed" /></section>
      <section class="card" aria-labelledby="due-h"><h2 id="due-h"><${Badge} group="qualification" code="due_soon" /> ${t('compliance.dueSoon', { n: (d.due_soon || []).length })}</h2>
        <${PeopleTable} list=${d.due_soon || []} testid="due-soon" /></section>`}`;
}

// ---- payments -------------------------------------------------------------------

// The audit answer, whatever the exact container: {by_month: [...]} or an
// object keyed by month / kind.
function entries(x, key) {
  if (!x) return [];
  if (Array.isArray(x)) return x.map((e) => [e[key] ?? e.key ?? e.name, e.amount_yen ?? e.total_yen ?? e.yen ?? 0]);
  return Object.entries(x).map(([k, v]) => [k, typeof v === 'number' ? v : v.amount_yen ?? v.total_yen ?? 0]);
}

function fyMonths(fy) {
  const out = [];
  for (let i = 0; i < 12; i++) {
    const m = ((3 + i) % 12) + 1;
    out.push(`${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

function PaymentsChart({ months, amounts, budget }) {
  const cumulative = [];
  amounts.reduce((a, v, i) => { cumulative[i] = a + v; return cumulative[i]; }, 0);
  return html`<${Chart} deps=${[months.join(), amounts.join(), budget]} make=${(UPlot, width, el) => budgetChart(UPlot, width, el, {
    height: 280, months, paid: amounts, cumulative, budget: budget || null,
    text: { month: t('common.month'), paid: t('payments.monthly'), cumulative: t('payments.cumulative'), budget: t('payments.budget') },
    value: (v) => (v === null || v === undefined ? '' : yen(Math.round(v))),
  })} />`;
}

export function Payments() {
  const [fy, setFy] = useState(Number(query('fiscal_year')) || fiscalYearOf(todayISO()));
  const r = useLoad(() => api('GET', `/v1/audit/payments${qs({ fiscal_year: fy })}`), [fy]);
  const d = r.data;
  const months = fyMonths(fy);
  const byMonth = Object.fromEntries(entries(d?.months || d?.by_month, 'month'));
  const amounts = months.map((m) => byMonth[m] || 0);
  const budget = d?.budget ? d.budget.amount_yen : null;
  const used = d ? (d.budget?.used_yen ?? d.total_yen ?? amounts.reduce((a, b) => a + b, 0)) : 0;
  // Next year too (its budget is set before April), and the year asked for.
  const years = [];
  for (let y = fiscalYearOf(todayISO()) + 1; y >= fiscalYearOf(todayISO()) - 5; y--) years.push(y);
  if (!years.includes(fy)) years.push(fy);
  return html`
    <${PageTitle} sub=${t('payments.sub')}>${t('payments.title')}</${PageTitle}>
    <div class="card filters"><div class="field"><label for="fy">${t('payments.fiscalYear')}</label>
      <select id="fy" value=${String(fy)} onChange=${(e) => { const y = Number(e.currentTarget.value); setFy(y); setQuery({ fiscal_year: y }); }}>
        ${years.map((y) => html`<option value=${String(y)}>${fmtFiscalYear(y)}</option>`)}
      </select></div>
      <p class="actions">
        <${CsvButton} path=${`/v1/audit/payments${qs({ fiscal_year: fy })}`} text=${t('payments.csv')}
          filename=${t('payments.csvFile', { year: lang === 'ja' ? fmtFiscalYear(fy) : `FY${fy}` })} />
        <${CsvButton} path=${`/v1/audit/payments${qs({ fiscal_year: fy, table: 'payees' })}`} testid="csv-payees" text=${t('payments.csvPayees')}
          filename=${t('payments.csvPayeesFile', { year: lang === 'ja' ? fmtFiscalYear(fy) : `FY${fy}` })} /></p></div>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : html`
      <section class="card" aria-labelledby="bud-h" data-testid="payments">
        <h2 id="bud-h">${fmtFiscalYear(fy)}</h2>
        <ul class="tiles">
          <li class="tile"><span class="tile-n">${yen(used)}</span><span>${t('payments.used')}</span></li>
          <li class="tile"><span class="tile-n">${budget === null ? '—' : yen(budget)}</span><span>${t('payments.budget')}</span></li>
          <li class="tile"><span class="tile-n">${budget === null ? '—' : yen(d.budget.remaining_yen ?? budget - used)}</span><span>${t('payments.remaining')}</span></li>
          <li class="tile"><span class="tile-n">${d.budget?.used_percent ? `${d.budget.used_percent}%` : '—'}</span><span>${t('payments.percent')}</span></li>
        </ul>
        ${budget === null ? html`<p class="muted">${t('payments.noBudget')}</p>` : null}
        ${d.unissued_yen ? html`<p class="muted">${t('payments.unissued', { yen: yen(d.unissued_yen) })}</p>` : null}
      </section>
      <section class="card" aria-labelledby="mon-h"><h2 id="mon-h">${t('payments.byMonth')}</h2>
        <${PaymentsChart} months=${months} amounts=${amounts} budget=${budget} />
        <div class="table-wrap"><table>
          <caption class="sr-only">${t('payments.byMonth')}</caption>
          <thead><tr><th scope="col">${t('common.month')}</th><th scope="col" class="num">${t('payments.monthly')}</th><th scope="col" class="num">${t('payments.cumulative')}</th></tr></thead>
          <tbody>${months.map((m, i) => html`<tr><th scope="row">${fmtMonth(m)}</th><td class="num">${yen(amounts[i])}</td>
            <td class="num">${yen(amounts.slice(0, i + 1).reduce((a, b) => a + b, 0))}</td></tr>`)}</tbody>
        </table></div>
      </section>
      <div class="grid2">
        <section class="card" aria-labelledby="kind-h"><h2 id="kind-h">${t('payments.byKind')}</h2>
          <table><tbody>${entries(d.by_kind, 'kind').map(([k, v]) => html`<tr><th scope="row">${label('line', k)}</th><td class="num">${yen(v)}</td></tr>`)}</tbody></table></section>
        <section class="card" aria-labelledby="payee-h"><h2 id="payee-h">${t('payments.byPayee')}</h2>
          <table><tbody>${entries(d.by_payee_type, 'payee_type').map(([k, v]) => html`<tr><th scope="row">${label('payee', k)}</th><td class="num">${yen(v)}</td></tr>`)}</tbody></table></section>
      </div>`}`;
}

// ---- the audit log ----------------------------------------------------------------

const LOG_PAGE = 50;

// The entries of the auditor's scope, oldest first, a page at a time
// (GET /v1/audit/log with its cursor), only those of the days from/to when
// given; the CSV of the same days; the check of the whole chain.
function LogEntries() {
  const [from, setFrom] = useState(query('from') || '');
  const [to, setTo] = useState(query('to') || '');
  // The cursors of the pages seen, to go back: [null, c1, c2, …].
  const [pages, setPages] = useState([null]);
  const cursor = pages[pages.length - 1];
  const r = useLoad(() => api('GET', `/v1/audit/log${qs({ from, to, cursor, limit: LOG_PAGE })}`), [from, to, cursor]);
  const errs = r.error instanceof ApiError ? fieldErrors(r.error) : {};
  const setDay = (name, value) => {
    if (name === 'from') setFrom(value); else setTo(value);
    setPages([null]);
    setQuery({ from: name === 'from' ? value : from, to: name === 'to' ? value : to });
  };
  const list = r.data?.entries || [];
  const first = (pages.length - 1) * LOG_PAGE;
  const today = todayISO();
  const csvName = from ? t('auditLog.csvFile', { from, to: to || today }) : t('auditLog.csvFileTo', { to: to || today });
  const dayField = (name, text) => html`<div class=${`field${errs[name] ? ' field-error' : ''}`}>
    <label for=${`log-${name}`}>${text}</label>
    <input id=${`log-${name}`} name=${name} type="date" value=${name === 'from' ? from : to} max=${today}
      aria-invalid=${errs[name] ? 'true' : undefined} aria-describedby=${errs[name] ? `log-${name}-error` : undefined}
      onChange=${(e) => setDay(name, e.currentTarget.value)} />
    ${errs[name] ? html`<p class="error-text" id=${`log-${name}-error`}>${errs[name]}</p>` : null}</div>`;
  return html`
    <section class="card" aria-labelledby="log-h">
      <h2 id="log-h">${t('auditLog.entries')}</h2>
      <div class="filters">
        ${dayField('from', t('auditLog.from'))}
        ${dayField('to', t('auditLog.to'))}
        <p class="actions"><${CsvButton} path=${`/v1/audit/log${qs({ from, to })}`} filename=${csvName} text=${t('auditLog.csv')} /></p>
      </div>
      ${r.loading ? html`<${Loading} />` : r.error && !Object.keys(errs).length ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />`
        : r.error ? null : list.length ? html`
        <div class="table-wrap"><table data-testid="audit-entries">
          <caption>${t('auditLog.caption', { from: num(first + 1), to: num(first + list.length) })}</caption>
          <thead><tr><th scope="col" class="num">${t('auditLog.seq')}</th><th scope="col">${t('auditLog.at')}</th>
            <th scope="col">${t('auditLog.role')}</th><th scope="col" class="num">${t('auditLog.user')}</th>
            <th scope="col">${t('auditLog.action')}</th><th scope="col">${t('auditLog.object')}</th></tr></thead>
          <tbody>${list.map((e) => html`<tr><td class="num">${e.seq}</td><td>${fmtDateTime(e.at)}</td>
            <td>${e.role ? label('role', e.role) : '—'}</td><td class="num">${e.user_id ?? '—'}</td>
            <td><code>${e.action}</code></td><td><code>${e.object}</code>${e.object_id ? ` #${e.object_id}` : ''}</td></tr>`)}</tbody>
        </table></div>` : html`<${Empty}>${t('auditLog.none')}</${Empty}>`}
      <p class="actions pager">
        <button type="button" class="btn" disabled=${pages.length < 2} onClick=${() => setPages(pages.slice(0, -1))}>${t('auditLog.prev')}</button>
        <button type="button" class="btn" data-testid="log-next" disabled=${!r.data?.next_cursor}
          onClick=${() => setPages([...pages, r.data.next_cursor])}>${t('auditLog.next')}</button></p>
    </section>`;
}

export function AuditLog() {
  const [state, setState] = useState({ busy: false, result: null, error: null });
  const verify = async () => {
    setState({ busy: true, result: null, error: null });
    try {
      const result = await api('GET', '/v1/audit/log/verify');
      setState({ busy: false, result, error: null });
      announce(result.ok ? t('auditLog.ok', { n: result.entries }) : t('auditLog.bad', { seq: result.first_bad_seq }));
    } catch (e) {
      setState({ busy: false, result: null, error: e });
    }
  };
  const r = state.result;
  return html`
    <${PageTitle}>${t('auditLog.title')}</${PageTitle}>
    <section class="card">
      <p>${t('auditLog.intro')}</p>
      <p><button type="button" class="btn btn-primary" onClick=${verify} disabled=${state.busy}>${state.busy ? t('auditLog.checking') : t('auditLog.verify')}</button></p>
      ${state.error ? html`<${ErrorBox} error=${state.error} />` : null}
      ${r ? html`<div class=${`alert ${r.ok ? 'alert-ok' : 'alert-error'}`} data-testid="verify-result"><p><strong>
        ${r.ok ? t('auditLog.ok', { n: num(r.entries) }) : t('auditLog.bad', { seq: r.first_bad_seq })}</strong></p></div>` : null}
    </section>
    <${LogEntries} />`;
}

export { errorText };
