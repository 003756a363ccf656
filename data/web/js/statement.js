// A monthly statement (its lines with the date and what each pays for), the
// month picker, and the supporter's statements page: the supporter's and the
// host's statements and the staff statements page share them.  Apart from
// supporter.js so that the phone's home does not load them.
import {
  html, useState, t, label, api, qs, session, PageTitle, Loading, ErrorBox, Empty, useLoad, fmtDate, fmtShortDate, fmtMonth,
  yen, thisMonth, addMonths, minutes, DownloadButton,
} from './core.js';

// What a statement line pays for: the report's kind and length, the
// placement day of a host stipend, or the part an adjustment corrects.
function lineDetail(l) {
  const what = l.activity_kind ? `${label('kind', l.activity_kind)}${l.minutes ? ` ${minutes(l.minutes)}` : ''}`
    : l.attendance_id ? t('statement.placementDay') : '';
  if (l.kind === 'adjustment') return t('statement.adjusts', { what: label('line', l.adjusts), detail: what });
  return what;
}

export function StatementView({ s }) {
  return html`<section class="card" aria-label=${fmtMonth(s.month)}>
    <h2>${fmtMonth(s.month)} <span class="muted">${s.payee_name || ''}</span></h2>
    <div class="table-wrap"><table>
      <caption class="sr-only">${t('statement.lines')}</caption>
      <thead><tr><th scope="col">${t('statement.date')}</th><th scope="col">${t('statement.kind')}</th>
        <th scope="col">${t('statement.detail')}</th><th scope="col" class="num">${t('statement.amount')}</th></tr></thead>
      <tbody>${(s.lines || []).map((l) => html`<tr>
        <td>${l.earned_on ? fmtShortDate(l.earned_on) : '—'}</td><td>${label('line', l.kind)}</td>
        <td>${lineDetail(l)}</td><td class="num">${yen(l.amount_yen)}${l.amount_yen === 0 ? html` <span class="badge badge-due_soon" data-testid="zero-line">${t('statement.zero')}</span>` : null}</td></tr>`)}</tbody>
      <tfoot><tr><th scope="row" colspan="3">${t('statement.total')}</th><td class="num"><strong>${yen(s.total_yen)}</strong></td></tr></tfoot>
    </table></div>
    <p class="muted">${t('statement.issued')}: ${fmtDate(s.issued_at)} · ${t('statement.paid')}: ${s.paid_on ? fmtDate(s.paid_on) : t('statement.unpaid')}</p>
    ${session.role !== 'auditor' ? html`<p class="actions"><${DownloadButton} path=${`/v1/payments/statements/${s.id}`}
      filename=${`statement-${s.id}-${s.month}.pdf`} text=${t('documents.statement')} testid="statement-pdf" /></p>` : null}
  </section>`;
}

export function MonthPicker({ month, onChange }) {
  return html`<div class="month-picker" role="group" aria-label=${t('common.month')}>
    <button type="button" class="btn" onClick=${() => onChange(addMonths(month, -1))} aria-label=${t('common.prevMonth')}>‹</button>
    <label class="sr-only" for="month">${t('common.month')}</label>
    <input id="month" type="month" value=${month} onChange=${(e) => e.currentTarget.value && onChange(e.currentTarget.value)} />
    <button type="button" class="btn" onClick=${() => onChange(addMonths(month, 1))} aria-label=${t('common.nextMonth')}>›</button>
    <span class="muted">${fmtMonth(month)}</span>
  </div>`;
}

// ---- statements -------------------------------------------------------------

export function MyStatements() {
  const [month, setMonth] = useState(addMonths(thisMonth(), -1));
  const r = useLoad(() => api('GET', `/v1/payments/statements${qs({ month })}`).then((x) => x.statements || []), [month]);
  return html`
    <${PageTitle}>${t('statement.title')}</${PageTitle}>
    <${MonthPicker} month=${month} onChange=${setMonth} />
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />`
      : r.data.length ? r.data.map((s) => html`<${StatementView} s=${s} />`) : html`<${Empty}>${t('statement.none')}</${Empty}>`}`;
}
