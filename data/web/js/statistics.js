// The statistics of a 年度 (issue 16, docs/api.md "Statistics") for staff and
// auditors: the 文京 tables of seed 004 and the programme's own, as the API
// gives them (a suppressed cell is null and shows as X), with three charts
// (contacts by month, persons by age × gender, payments against the
// budget), the server's CSV and the annual report as PDF.
import {
  html, useState, t, label, api, qs, lang, PageTitle, Loading, ErrorBox, Empty, useLoad,
  fmtMonth, fmtFiscalYear, fiscalYearOf, yen, num, todayISO, query, setQuery, DownloadButton,
} from './core.js';
import { Chart, monthTick, monthSeries, budgetChart } from './chart.js';

const CONTACTOR = ['self', 'self_50_plus', 'parent', 'parent_80_plus', 'sibling', 'other', 'total'];
const CONTACTOR_KEYS = ['cSelf', 'cSelf50', 'cParent', 'cParent80', 'cSibling', 'cOther', 'subtotal'];
const GENDERS = ['male', 'female', 'other', 'unknown'];
const GENDER_KEYS = ['male', 'female', 'genderOther', 'genderUnknown'];
// 行事・居場所 by kind (issue 18): 延べ参加者数 = 本人 + 家族 + 関係者.
const EVENT_CELLS = ['events', 'self', 'family', 'other', 'participants', 'supporters'];
const EVENT_KEYS = ['eventCount', 'eventSelf', 'eventFamily', 'eventOther', 'eventParticipants', 'eventSupporters'];
const GENDER_COLOURS = ['#2f6fa3', '#b3541e', '#1e7a3a', '#777'];

// A count: X when suppressed (null), with its meaning for screen readers.
function Cell({ v, money = false }) {
  if (v === null) return html`<td class="num suppressed"><abbr title=${t('statistics.x')}>X</abbr></td>`;
  return html`<td class="num">${money ? yen(v) : num(v)}</td>`;
}

function MonthChart({ rows }) {
  const months = rows.map((r) => r.month);
  const total = rows.map((r) => r.total);
  const first = rows.map((r) => r.first);
  return html`<${Chart} testid="chart-months" deps=${[JSON.stringify(rows)]} make=${(UPlot, width) => [{
    width, height: 240,
    scales: { x: { time: false, range: [-0.5, 11.5] }, y: { range: [0, Math.max(4, ...total.filter((v) => v !== null)) * 1.15] } },
    axes: [{ values: monthTick(months), stroke: '#333', grid: { show: false } }, { stroke: '#333' }],
    series: [
      monthSeries(t('statistics.month'), months),
      { label: t('statistics.contacts'), fill: '#2f6fa3', stroke: '#1f4f78', paths: UPlot.paths.bars({ size: [0.6, 60] }) },
      { label: t('statistics.first'), stroke: '#b3541e', width: 2, points: { show: true } },
    ],
  }, [months.map((_, i) => i), total, first]]} />`;
}

// Grouped bars: each age band has a slot per gender and a gap.
function PersonsChart({ rows }) {
  const slot = GENDERS.length + 1;
  const xs = [];
  for (let i = 0; i < rows.length * slot; i++) xs.push(i);
  const series = GENDERS.map((g, gi) => xs.map((x) => (x % slot === gi ? rows[Math.floor(x / slot)][g] : null)));
  const max = Math.max(2, ...rows.flatMap((r) => GENDERS.map((g) => r[g] ?? 0)));
  return html`<${Chart} testid="chart-persons" deps=${[JSON.stringify(rows)]} make=${(UPlot, width) => [{
    width, height: 240,
    scales: { x: { time: false, range: [-1, xs.length] }, y: { range: [0, max * 1.15] } },
    axes: [{ values: (u, vals) => vals.map((v) => (Number.isInteger(v) && v % slot === 1 && rows[Math.floor(v / slot)]
      ? label('statAge', rows[Math.floor(v / slot)].age_band) : '')), stroke: '#333', grid: { show: false } }, { stroke: '#333' }],
    series: [{ label: t('statistics.age') }, ...GENDERS.map((g, gi) => ({
      label: t(`statistics.${GENDER_KEYS[gi]}`), fill: GENDER_COLOURS[gi], stroke: GENDER_COLOURS[gi],
      paths: UPlot.paths.bars({ size: [0.9, 40] }),
    }))],
  }, [xs, ...series]]} />`;
}

function BudgetChart({ budget }) {
  return html`<${Chart} testid="chart-budget" deps=${[JSON.stringify(budget)]} make=${(UPlot, width, el) => budgetChart(UPlot, width, el, {
    height: 260,
    months: budget.months.map((m) => m.month),
    paid: budget.months.map((m) => m.paid_yen),
    cumulative: budget.months.map((m) => m.cumulative_yen),
    budget: budget.budget_yen,
    text: { month: t('statistics.month'), paid: t('statistics.paid'), cumulative: t('statistics.cumulative'), budget: t('statistics.budgetAmount') },
    value: yen,
  })} />`;
}

function Section({ id, title, children }) {
  return html`<section class="card" aria-labelledby=${id} data-testid=${id}><h2 id=${id}>${title}</h2>${children}</section>`;
}

function Table({ caption, head, rows, testid }) {
  return html`<div class="table-wrap"><table data-testid=${testid}>
    <caption class="sr-only">${caption}</caption>
    <thead><tr>${head.map((h, i) => html`<th scope="col" class=${i ? 'num' : ''}>${h}</th>`)}</tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

function ContactTables({ s }) {
  const tot = s.totals;
  return html`
    <${Section} id="stat-years" title=${t('statistics.years')}>
      <${Table} testid="table-years" caption=${t('statistics.years')}
        head=${['', t('statistics.contacts'), t('statistics.first'), t('statistics.self'), t('statistics.family'), t('statistics.otherContactor')]}
        rows=${s.years.map((y) => html`<tr><th scope="row">${fmtFiscalYear(y.fiscal_year)}</th><${Cell} v=${y.contacts} /><${Cell} v=${y.first_contacts} />
          <${Cell} v=${y.first_by_contactor.self} /><${Cell} v=${y.first_by_contactor.family} /><${Cell} v=${y.first_by_contactor.other} /></tr>`)} />
    </${Section}>
    <${Section} id="stat-months" title=${t('statistics.byMonth')}>
      <${MonthChart} rows=${s.contacts_by_month} />
      <${Table} testid="table-months" caption=${t('statistics.byMonth')} head=${[t('statistics.month'), t('statistics.contacts'), t('statistics.first')]}
        rows=${s.contacts_by_month.map((m) => html`<tr><th scope="row">${fmtMonth(m.month)}</th><${Cell} v=${m.total} /><${Cell} v=${m.first} /></tr>`)} />
    </${Section}>
    <${Section} id="stat-methods" title=${t('statistics.byMethod')}>
      <${Table} testid="table-methods" caption=${t('statistics.byMethod')} head=${[t('statistics.method'), t('statistics.contacts'), t('statistics.first')]}
        rows=${[...s.contacts_by_method.map((m) => html`<tr><th scope="row">${label('contactMethod', m.method)}</th><${Cell} v=${m.total} /><${Cell} v=${m.first} /></tr>`),
          html`<tr class="total"><th scope="row">${t('statistics.total')}</th><${Cell} v=${tot.contacts_by_method.total} /><${Cell} v=${tot.contacts_by_method.first} /></tr>`]} />
    </${Section}>
    <${Section} id="stat-contactors" title=${t('statistics.byContactor')}>
      <${Table} testid="table-contactors" caption=${t('statistics.byContactor')}
        head=${[t('statistics.method'), ...CONTACTOR_KEYS.map((k) => t(`statistics.${k}`))]}
        rows=${[...s.first_contacts_by_contactor.map((r) => html`<tr><th scope="row">${label('contactMethod', r.method)}</th>${CONTACTOR.map((c) => html`<${Cell} v=${r[c]} />`)}</tr>`),
          html`<tr class="total"><th scope="row">${t('statistics.total')}</th>${CONTACTOR.map((c) => html`<${Cell} v=${tot.first_contacts_by_contactor[c]} />`)}</tr>`]} />
    </${Section}>
    <${Section} id="stat-persons" title=${t('statistics.persons')}>
      <${PersonsChart} rows=${s.persons_by_age_gender} />
      <${Table} testid="table-persons" caption=${t('statistics.persons')}
        head=${[t('statistics.age'), ...GENDER_KEYS.map((k) => t(`statistics.${k}`)), t('statistics.personsTotal')]}
        rows=${[...s.persons_by_age_gender.map((r) => html`<tr><th scope="row">${label('statAge', r.age_band)}</th>${[...GENDERS, 'total'].map((g) => html`<${Cell} v=${r[g]} />`)}</tr>`),
          html`<tr class="total"><th scope="row">${t('statistics.total')}</th>${[...GENDERS, 'total'].map((g) => html`<${Cell} v=${tot.persons_by_age_gender[g]} />`)}</tr>`]} />
    </${Section}>`;
}

function ProgrammeTables({ s }) {
  const place = (r) => r.municipality_name || r.municipality_code;
  return html`
    <${Section} id="stat-supporters" title=${t('statistics.supporters')}>
      ${s.supporters_by_municipality.length ? html`<${Table} testid="table-supporters" caption=${t('statistics.supporters')}
        head=${[t('statistics.municipality'), t('statistics.registered'), t('statistics.trained'), t('statistics.followUpDue'), t('statistics.lapsed')]}
        rows=${s.supporters_by_municipality.map((r) => html`<tr><th scope="row">${place(r)}</th><${Cell} v=${r.registered} /><${Cell} v=${r.trained} />
          <${Cell} v=${r.follow_up_due} /><${Cell} v=${r.lapsed} /></tr>`)} />` : html`<${Empty} />`}
    </${Section}>
    <${Section} id="stat-activities" title=${t('statistics.activities')}>
      ${s.activities_by_municipality_kind.length ? html`<${Table} testid="table-activities" caption=${t('statistics.activities')}
        head=${[t('statistics.municipality'), t('statistics.kind'), t('statistics.count'), t('statistics.hours'), t('statistics.honoraria')]}
        rows=${s.activities_by_municipality_kind.map((r) => html`<tr><th scope="row">${place(r)}</th><td>${label('kind', r.kind)}</td><${Cell} v=${r.count} />
          ${r.minutes === null ? html`<${Cell} v=${null} />` : html`<td class="num">${num(Math.round(r.minutes / 6) / 10)}</td>`}
          <${Cell} v=${r.honoraria_yen} money=${true} /></tr>`)} />` : html`<${Empty} />`}
    </${Section}>
    <${Section} id="stat-placements" title=${t('statistics.placements')}>
      ${s.placements_by_host.length ? html`<${Table} testid="table-placements" caption=${t('statistics.placements')}
        head=${[t('statistics.host'), t('statistics.participants'), t('statistics.days'), t('statistics.short'), t('statistics.regular'), t('statistics.stipends')]}
        rows=${s.placements_by_host.map((r) => html`<tr><th scope="row">${r.host_name}</th><${Cell} v=${r.participants} /><${Cell} v=${r.days} />
          <${Cell} v=${r.short} /><${Cell} v=${r.regular} /><${Cell} v=${r.stipends_yen} money=${true} /></tr>`)} />` : html`<${Empty} />`}
    </${Section}>
    ${s.events_by_kind ? html`<${Section} id="stat-events" title=${t('statistics.events')}>
      <${Table} testid="table-events" caption=${t('statistics.events')}
        head=${[t('statistics.eventKind'), ...EVENT_KEYS.map((k) => t(`statistics.${k}`))]}
        rows=${[...s.events_by_kind.map((r) => html`<tr><th scope="row">${label('eventKind', r.kind)}</th>${EVENT_CELLS.map((c) => html`<${Cell} v=${r[c]} />`)}</tr>`),
          html`<tr class="total"><th scope="row">${t('statistics.total')}</th>${EVENT_CELLS.map((c) => html`<${Cell} v=${s.totals.events_by_kind[c]} />`)}</tr>`]} />
    </${Section}>` : null}
    <${Section} id="stat-budget" title=${t('statistics.budget')}>
      <ul class="tiles">
        <li class="tile"><span class="tile-n" data-testid="paid">${yen(s.budget.paid_yen)}</span><span>${t('statistics.paid')}</span></li>
        <li class="tile"><span class="tile-n">${s.budget.budget_yen === null ? '—' : yen(s.budget.budget_yen)}</span><span>${t('statistics.budgetAmount')}</span></li>
      </ul>
      ${s.budget.budget_yen === null ? html`<p class="muted">${t('statistics.noBudget')}</p>` : null}
      <${BudgetChart} budget=${s.budget} />
      <${Table} testid="table-budget" caption=${t('statistics.budget')} head=${[t('statistics.month'), t('statistics.paid'), t('statistics.cumulative')]}
        rows=${s.budget.months.map((m) => html`<tr><th scope="row">${fmtMonth(m.month)}</th><td class="num">${yen(m.paid_yen)}</td><td class="num">${yen(m.cumulative_yen)}</td></tr>`)} />
    </${Section}>`;
}

export function Statistics() {
  const [fy, setFy] = useState(Number(query('fiscal_year')) || fiscalYearOf(todayISO()));
  const r = useLoad(() => api('GET', `/v1/statistics${qs({ fiscal_year: fy })}`), [fy]);
  const s = r.data;
  const years = [];
  for (let y = fiscalYearOf(todayISO()); y >= fiscalYearOf(todayISO()) - 5; y--) years.push(y);
  if (!years.includes(fy)) years.push(fy);
  const yearName = lang === 'ja' ? fmtFiscalYear(fy) : `FY${fy}`;
  return html`
    <${PageTitle} sub=${t('statistics.sub')}>${t('statistics.title')}</${PageTitle}>
    <div class="card filters"><div class="field"><label for="fy">${t('statistics.fiscalYear')}</label>
      <select id="fy" value=${String(fy)} onChange=${(e) => { const y = Number(e.currentTarget.value); setFy(y); setQuery({ fiscal_year: y }); }}>
        ${years.map((y) => html`<option value=${String(y)}>${fmtFiscalYear(y)}</option>`)}
      </select></div>
      <p class="actions">
        <${DownloadButton} testid="csv" path=${`/v1/statistics${qs({ fiscal_year: fy })}`} accept="text/csv"
          filename=${t('statistics.csvFile', { year: yearName })} text=${t('statistics.csv')} done="statistics.done" />
        <${DownloadButton} testid="pdf" path=${`/v1/reports/annual${qs({ fiscal_year: fy })}`} accept="application/pdf"
          filename=${t('statistics.pdfFile', { year: yearName })} text=${t('statistics.pdf')} done="statistics.done" /></p></div>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : html`
      <p class="muted" data-testid="counted">${t('statistics.counted', { names: s.organisations.map((o) => o.name).join('、') })}</p>
      ${s.suppression.applied ? html`<div class="alert alert-warn" role="note" data-testid="suppressed"><p>${t('statistics.suppressed', { n: s.suppression.threshold })}</p></div>` : null}
      <${ContactTables} s=${s} />
      <${ProgrammeTables} s=${s} />`}`;
}
