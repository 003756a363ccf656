// Approvals of visit reports, and the monthly statements with CSV download.
import {
  html, useState, t, label, api, qs, PageTitle, Loading, ErrorBox, Empty, Badge, Link, useLoad, fmtDate,
  fmtShortDate, fmtMonth, yen, thisMonth, addMonths, announce, errorText, download, minutes, query, setQuery, todayISO,
} from './core.js';
import { MonthPicker, StatementView } from './statement.js';

const FLAGS = ['several_on_day', 'at_night', 'transport_over_cap'];

// Reports waiting for approval, each with its case, amount and the flags
// the server computed (several on one day, at night, transport above the
// cap); several can be approved at once after one confirmation.
export function Approvals() {
  const [status, setStatus] = useState(query('status') || 'pending');
  const r = useLoad(async () => {
    const x = await api('GET', `/v1/activities${qs({ status, limit: 200 })}`);
    return { list: x.activities || x.items || [] };
  }, [status]);
  const [msg, setMsg] = useState(null);
  const [rejecting, setRejecting] = useState(null);
  const [chosen, setChosen] = useState(new Set());
  const [busy, setBusy] = useState(false);
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
  const pending = list.filter((a) => a.status === 'pending');
  const picked = pending.filter((a) => chosen.has(a.id));
  const toggle = (id) => {
    const s = new Set(chosen);
    if (s.has(id)) s.delete(id); else s.add(id);
    setChosen(s);
  };
  const approveChosen = async () => {
    const total = picked.reduce((sum, a) => sum + (a.amount_yen || 0), 0);
    const flagged = picked.filter((a) => (a.flags || []).length).length;
    if (!confirm(t('approvals.confirmMany', { n: picked.length, total: yen(total), flagged }))) return;
    setBusy(true);
    let done = 0;
    const failed = [];
    for (const a of picked) {
      try {
        await api('POST', `/v1/activities/${a.id}/approve`, { body: {} });
        done += 1;
      } catch (e) {
        failed.push(`${fmtShortDate(a.date)} ${a.supporter_name || ''}: ${errorText(e)}`);
      }
    }
    const text = failed.length ? t('approvals.approvedSome', { n: done, failed: failed.length }) : t('approvals.approvedN', { n: done });
    setMsg({ kind: failed.length ? 'error' : 'ok', text: failed.length ? `${text} ${failed.join(' / ')}` : text });
    announce(text);
    setChosen(new Set());
    setBusy(false);
    r.reload();
  };
  return html`
    <${PageTitle}>${t('approvals.title')}</${PageTitle}>
    <div class="card filters"><div class="field"><label for="a-status">${t('approvals.status')}</label>
      <select id="a-status" value=${status} onChange=${(e) => { setStatus(e.currentTarget.value); setQuery({ status: e.currentTarget.value }); setChosen(new Set()); }}>
        ${['pending', 'approved', 'rejected'].map((s) => html`<option value=${s}>${label('activityStatus', s)}</option>`)}
      </select></div>
      ${pending.length ? html`<p class="actions">
        <button type="button" class="btn" onClick=${() => setChosen(picked.length === pending.length ? new Set() : new Set(pending.map((a) => a.id)))}>
          ${picked.length === pending.length ? t('approvals.selectNone') : t('approvals.selectAll')}</button>
        <button type="button" class="btn btn-primary" data-testid="approve-chosen" disabled=${busy || !picked.length} onClick=${approveChosen}>
          ${t('approvals.approveChosen', { n: picked.length })}</button></p>` : null}
    </div>
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'}><p>${msg.text}</p></div>` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
      <ul class="list" data-testid="approvals">${list.map((a) => html`<li class="list-item" data-flags=${(a.flags || []).join(' ')}>
        <p class="item-title">
          ${a.status === 'pending' ? html`<input type="checkbox" class="pick" id=${`ap-${a.id}`} checked=${chosen.has(a.id)} onChange=${() => toggle(a.id)} />` : null}
          <label for=${`ap-${a.id}`} class="inline">${fmtShortDate(a.date)} ${a.start || ''} · ${label('kind', a.kind)} · ${minutes(a.minutes)}
          · ${t('approvals.transport')} ${yen(a.transport_yen)}</label>
          ${a.amount_yen !== undefined ? html` · <strong>${t(a.status === 'pending' ? 'approvals.amountPending' : 'approvals.amount', { yen: yen(a.amount_yen) })}</strong>` : null}</p>
        <p>${a.supporter_id ? html`<${Link} href=${`/app/supporters/${a.supporter_id}`}>${a.supporter_name || `#${a.supporter_id}`}</${Link}>` : null}
          ${a.case_code ? html` · <${Link} href=${`/app/cases/${a.case_id}`}>${a.case_code} ${a.case_nickname || ''}</${Link}>` : ''} <${Badge} group="activityStatus" code=${a.status} /></p>
        ${(a.flags || []).length ? html`<ul class="flags" aria-label=${t('approvals.flags')}>${(a.flags || []).filter((f) => FLAGS.includes(f)).map((f) => html`<li class="badge badge-due_soon">
          ⚠ ${t(`approvals.flag.${f}`, { cap: yen(a.transport_cap_yen ?? 0) })}</li>`)}</ul>` : null}
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
  const r = useLoad(() => api('GET', `/v1/payments/statements${qs({ month })}`), [month]);
  // Reports of the month still waiting for approval: issuing leaves them
  // to a later month's adjustments, so the page says so before issuing.
  const waiting = useLoad(() => api('GET', `/v1/activities${qs({ month, status: 'pending', limit: 200 })}`)
    .then((x) => ({ n: (x.activities || []).length, more: Boolean(x.next_cursor) })).catch(() => null), [month]);
  const [msg, setMsg] = useState(null);
  const [busy, setBusy] = useState(false);
  const pendingText = waiting.data?.n ? t('statements.pendingWarn', { n: waiting.data.more ? `${waiting.data.n}+` : waiting.data.n, month: fmtMonth(month) }) : '';
  const issue = async () => {
    if (!confirm([pendingText, t('statements.confirmIssue', { month: fmtMonth(month) })].filter(Boolean).join('\n'))) return;
    setBusy(true);
    try {
      const x = await api('POST', '/v1/payments/statements', { body: { month } });
      const n = (x.statements || []).length;
      const text = !x.created ? t('statements.alreadyIssued', { month: fmtMonth(month) })
        : n ? t('statements.issuedN', { n }) : t('statements.issuedNone', { month: fmtMonth(month) });
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
  const list = r.data?.statements || [];
  const issued = Boolean(r.data?.issued);
  const zeroLines = list.reduce((a, s) => a + (s.lines || []).filter((l) => l.amount_yen === 0).length, 0);
  const total = list.reduce((a, s) => a + (s.total_yen || 0), 0);
  return html`
    <${PageTitle}>${t('statements.title')}</${PageTitle}>
    <${MonthPicker} month=${month} onChange=${setMonth} />
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'}><p>${msg.text}</p></div>` : null}
    ${pendingText && !issued ? html`<div class="alert alert-warn" data-testid="pending-warning"><p>${pendingText} <${Link} href="/app/approvals">${t('statements.toApprovals')}</${Link}></p></div>` : null}
    ${zeroLines ? html`<div class="alert alert-warn" data-testid="zero-warning"><p>${t('statements.zeroWarn', { n: zeroLines })}</p></div>` : null}
    <p class="actions">
      <button type="button" class="btn btn-primary" onClick=${issue} disabled=${busy || month >= thisMonth() || issued}>${t('statements.issue', { month: fmtMonth(month) })}</button>
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
      : html`<${Empty}>${issued ? t('statements.issuedEmpty', { month: fmtMonth(month) }) : t('statements.none')}</${Empty}>`}`;
}
