// The prefecture's pages: training compliance on a date, payments of a fiscal
// year against the budget, and the audit-log check.  Nothing here shows a
// case: the API gives an auditor supporters' qualification and money only.
import {
  html, useState, useEffect, useRef, t, label, api, qs, lang, PageTitle, Loading, ErrorBox, Empty, Badge, useLoad,
  fmtDate, fmtMonth, fmtFiscalYear, fiscalYearOf, yen, num, todayISO, announce, errorText, query, setQuery,
} from './core.js';

const QUALS = ['valid', 'due_soon', 'lapsed', 'untrained'];

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
      <p class="muted">${fmtDate(on)}</p></div>
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

let uplotPromise = null;
function loadUPlot() {
  if (!uplotPromise) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('../vendor/uPlot.min.css', import.meta.url).href;
    document.head.appendChild(css);
    uplotPromise = import('../vendor/uPlot.esm.js').then((m) => m.default);
  }
  return uplotPromise;
}

function PaymentsChart({ months, amounts, budget }) {
  const ref = useRef(null);
  useEffect(() => {
    let plot = null;
    let live = true;
    loadUPlot().then((UPlot) => {
      if (!live || !ref.current) return;
      const cum = [];
      amounts.reduce((a, v, i) => { cum[i] = a + v; return cum[i]; }, 0);
      const xs = months.map((_, i) => i);
      const width = Math.max(300, ref.current.clientWidth);
      const fmt = (v) => (v === null || v === undefined ? '' : yen(Math.round(v)));
      plot = new UPlot({
        width, height: 280,
        scales: { x: { time: false, range: [-0.5, 11.5] }, m: { range: [0, Math.max(10000, ...amounts) * 1.1] }, c: { range: [0, Math.max(budget || 0, cum[11] || 0, 1) * 1.05] } },
        axes: [
          { values: (u, vals) => vals.map((v) => (Number.isInteger(v) && months[v] ? `${Number(months[v].slice(5))}${lang === 'ja' ? '月' : ''}` : '')), stroke: '#333', grid: { show: false } },
          { scale: 'm', values: (u, vals) => vals.map((v) => `${Math.round(v / 1000)}k`), stroke: '#333', size: 60 },
          { scale: 'c', side: 1, values: (u, vals) => vals.map((v) => `${Math.round(v / 1000)}k`), stroke: '#333', size: 60, grid: { show: false } },
        ],
        series: [
          { label: t('common.month'), value: (u, v) => (months[v] ? fmtMonth(months[v]) : '') },
          { label: t('payments.monthly'), scale: 'm', fill: '#2f6fa3', stroke: '#1f4f78', paths: UPlot.paths.bars({ size: [0.6, 60] }), value: (u, v) => fmt(v) },
          { label: t('payments.cumulative'), scale: 'c', stroke: '#b3541e', width: 2, value: (u, v) => fmt(v) },
          { label: t('payments.budget'), scale: 'c', stroke: '#1e7a3a', dash: [6, 4], width: 2, value: (u, v) => fmt(v) },
        ],
      }, [xs, amounts, cum, xs.map(() => budget || null)], ref.current);
    });
    return () => { live = false; if (plot) plot.destroy(); };
  }, [months.join(), amounts.join(), budget, lang]);
  return html`<div class="chart" ref=${ref} aria-hidden="true"></div>`;
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
  const years = [];
  for (let y = fiscalYearOf(todayISO()); y >= fiscalYearOf(todayISO()) - 5; y--) years.push(y);
  return html`
    <${PageTitle} sub=${t('payments.sub')}>${t('payments.title')}</${PageTitle}>
    <div class="card filters"><div class="field"><label for="fy">${t('payments.fiscalYear')}</label>
      <select id="fy" value=${String(fy)} onChange=${(e) => { const y = Number(e.currentTarget.value); setFy(y); setQuery({ fiscal_year: y }); }}>
        ${years.map((y) => html`<option value=${String(y)}>${fmtFiscalYear(y)}</option>`)}
      </select></div></div>
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
    </section>`;
}

export { errorText };
