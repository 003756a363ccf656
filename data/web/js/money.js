// Approvals of visit reports, and the monthly statements with CSV download.
import {
  html, useState, t, label, api, qs, PageTitle, Loading, ErrorBox, Empty, Badge, Link, useLoad, fmtDate,
  fmtShortDate, fmtMonth, yen, thisMonth, addMonths, announce, errorText, download, minutes, query, setQuery, todayISO,
} from './core.js';
import { MonthPicker, StatementView } from './supporter.js';

export function Approvals() {
  const [status, setStatus] = useState(query('status') || 'pending');
  const r = useLoad(async () => {
    const x = await api('GET', `/v1/activities${qs({ status, limit: 200 })}`);
    const list = x.activities || x.items || [];
    const names = {};
    await Promise.all([...new Set(list.map((a) => a.supporter_id).filter(Boolean))].slice(0, 60).map(async (id) => {
      try { names[id] = (await api('GET', `/v1/supporters/${id}`)).name; } catch { /* id only */ }
    }));
    return { list, names };
  }, [status]);
  const [msg, setMsg] = useState(null);
  const [rejecting, setRejecting] = useState(null);
  const decide = async (a, verb, reason) => {
    try {
      await api('POST', `/v1/activities/${a.id}/${verb}`, { body: verb === 'reject' ? { reason } : {} });
      const text = t(verb === 'approve' ? 'approvals.approved' : 'approvals.rejected');
      setMsg({ kind: 'ok', text });
      announce(text);
      setRejecting(null);
      r.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };
  const list = r.data?.list || [];
  return html`
    <${PageTitle}>${t('approvals.title')}</${PageTitle}>
    <div class="card filters"><div class="field"><label for="a-status">${t('approvals.status')}</label>
      <select id="a-status" value=${status} onChange=${(e) => { setStatus(e.currentTarget.value); setQuery({ status: e.currentTarget.value }); }}>
        ${['pending', 'approved', 'rejected'].map((s) => html`<option value=${s}>${label('activityStatus', s)}</option>`)}
      </select></div></div>
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'}><p>${msg.text}</p></div>` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
      <ul class="list" data-testid="approvals">${list.map((a) => html`<li class="list-item">
        <p class="item-title">${fmtShortDate(a.date)} ${a.start || ''} · ${label('kind', a.kind)} · ${minutes(a.minutes)}
          · ${t('approvals.transport')} ${yen(a.transport_yen)}</p>
        <p>${a.supporter_id ? html`<${Link} href=${`/app/supporters/${a.supporter_id}`}>${r.data.names[a.supporter_id] || `#${a.supporter_id}`}</${Link}>` : null}
          ${a.case_nickname ? ` · ${a.case_nickname}` : ''} <${Badge} group="activityStatus" code=${a.status} /></p>
        ${a.note ? html`<p class="note">${a.note}</p>` : null}
        ${a.status === 'pending' ? html`<div class="actions">
          <button type="button" class="btn btn-primary" onClick=${() => decide(a, 'approve')}>${t('approvals.approve')}</button>
          ${rejecting === a.id ? html`<form class="inline-form" onSubmit=${(e) => { e.preventDefault(); decide(a, 'reject', e.currentTarget.reason.value.trim()); }}>
              <label for=${`rr-${a.id}`}>${t('approvals.reason')}</label>
              <input id=${`rr-${a.id}`} name="reason" required maxlength="500" />
              <button type="submit" class="btn btn-danger">${t('approvals.reject')}</button></form>`
            : html`<button type="button" class="btn" onClick=${() => setRejecting(a.id)}>${t('approvals.reject')}…</button>`}
        </div>` : null}
      </li>`)}</ul>` : html`<${Empty}>${t('approvals.none')}</${Empty}>`}`;
}

export function Statements() {
  const [month, setMonthState] = useState(query('month') || addMonths(thisMonth(), -1));
  const setMonth = (m) => { setMonthState(m); setQuery({ month: m }); };
  const r = useLoad(() => api('GET', `/v1/payments/statements${qs({ month })}`).then((x) => x.statements || []), [month]);
  const [msg, setMsg] = useState(null);
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    setBusy(true);
    try {
      const x = await api('POST', '/v1/payments/statements', { body: { month } });
      const text = t('statements.issuedN', { n: (x.statements || []).length });
      setMsg({ kind: 'ok', text });
      announce(text);
      r.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    } finally { setBusy(false); }
  };
  const csv = async () => {
    try {
      await download(`/v1/payments/statements${qs({ month })}`, 'text/csv', `statements-${month}.csv`);
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };
  const paid = async (s) => {
    try {
      await api('POST', `/v1/payments/statements/${s.id}/paid`, { body: { paid_on: todayISO() } });
      r.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };
  const list = r.data || [];
  const total = list.reduce((a, s) => a + (s.total_yen || 0), 0);
  return html`
    <${PageTitle}>${t('statements.title')}</${PageTitle}>
    <${MonthPicker} month=${month} onChange=${setMonth} />
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'}><p>${msg.text}</p></div>` : null}
    <p class="actions">
      <button type="button" class="btn btn-primary" onClick=${issue} disabled=${busy || month >= thisMonth()}>${t('statements.issue', { month: fmtMonth(month) })}</button>
      <button type="button" class="btn" onClick=${csv} disabled=${!list.length}>${t('statements.csv')}</button>
    </p>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
      <div class="table-wrap"><table data-testid="statements">
        <caption>${t('statements.caption', { month: fmtMonth(month) })}</caption>
        <thead><tr><th scope="col">${t('statements.payee')}</th><th scope="col">${t('statements.payeeType')}</th>
          <th scope="col" class="num">${t('statements.lines')}</th><th scope="col" class="num">${t('statement.total')}</th><th scope="col">${t('statement.paid')}</th></tr></thead>
        <tbody>${list.map((s) => html`<tr><td>${s.payee_name || `#${s.payee_id}`}</td><td>${label('payee', s.payee_type)}</td>
          <td class="num">${(s.lines || []).length}</td><td class="num">${yen(s.total_yen)}</td>
          <td>${s.paid_on ? fmtDate(s.paid_on) : html`<button type="button" class="btn btn-small" onClick=${() => paid(s)}>${t('statements.markPaid')}</button>`}</td></tr>`)}</tbody>
        <tfoot><tr><th scope="row" colspan="3">${t('statement.total')}</th><td class="num"><strong>${yen(total)}</strong></td><td></td></tr></tfoot>
      </table></div>
      <details><summary>${t('statements.details')}</summary>${list.map((s) => html`<${StatementView} s=${s} />`)}</details>`
      : html`<${Empty}>${t('statements.none')}</${Empty}>`}`;
}
