// The supporter's pages, made for a phone: home (qualification, follow-up due
// date, assignments, last reports, waiting reports), the visit report form
// that works offline, and monthly statements.
import {
  html, useState, useEffect, useRef, t, label, api, ApiError, qs, session, PageTitle, Loading, ErrorBox, Empty, Badge,
  Field, Link, useLoad, fmtDate, fmtShortDate, fmtMonth, yen, todayISO, nowHHMM, thisMonth, addMonths,
  announce, fieldErrors, errorText, navigate, minutes,
} from './core.js';
import * as outbox from './outbox.js';

export const KINDS = ['home_visit', 'accompany', 'phone', 'space', 'family_support', 'online'];

const items = (r, name) => (Array.isArray(r) ? r : r?.[name] || r?.items || []);

function daysUntil(iso) {
  const a = Date.parse(`${todayISO()}T00:00:00Z`);
  const b = Date.parse(`${iso}T00:00:00Z`);
  return Math.round((b - a) / 86400000);
}

// What the pages need to stay usable without a connection (the own record,
// the active assignments: nickname and needs) is kept for this tab only, in
// sessionStorage, and used when the network fails.
async function cached(name, fn) {
  const key = `ts.cache.${name}.${session.login || ''}`;
  try {
    const data = await fn();
    try { sessionStorage.setItem(key, JSON.stringify(data)); } catch { /* memory only */ }
    return data;
  } catch (e) {
    const kept = !(e instanceof ApiError) ? sessionStorage.getItem(key) : null;
    if (kept) return JSON.parse(kept);
    throw e;
  }
}

// The supporter's own record: the id comes with the sign-in answer.
function loadMe() {
  if (!session.supporter_id) return Promise.resolve(null);
  return cached('me', () => api('GET', `/v1/supporters/${session.supporter_id}`));
}

// Active assignments with the case's nickname and needs.  The case is read
// through the API's reduced view for supporters (nickname, needs, interests).
function loadAssignments() {
  return cached('assignments', fetchAssignments);
}

async function fetchAssignments() {
  const r = await api('GET', `/v1/assignments${qs({ active: 'true' })}`);
  const list = items(r, 'assignments').filter((a) => !a.ended_on);
  await Promise.all(list.map(async (a) => {
    if (a.case && a.case.nickname) return;
    if (a.case_nickname) {
      a.case = { nickname: a.case_nickname, needs: a.case_needs || [] };
      return;
    }
    try {
      a.case = await api('GET', `/v1/cases/${a.case_id}`);
    } catch {
      a.case = null;
    }
  }));
  return list;
}

function useOutbox() {
  const [list, setList] = useState([]);
  useEffect(() => {
    let live = true;
    const load = () => outbox.list().then((l) => live && setList(l), () => {});
    load();
    const off = outbox.subscribe(load);
    return () => { live = false; off(); };
  }, []);
  return list;
}

function QualificationCard({ me }) {
  const q = me.qualification || {};
  const due = q.follow_up_due_on;
  const days = due ? daysUntil(due) : null;
  const insured = me.insurance_until;
  const insDays = insured ? daysUntil(insured) : null;
  return html`<section class="card" aria-labelledby="q-title">
    <h2 id="q-title">${t('home.qualification')}</h2>
    <p class="big-line"><${Badge} group="qualification" code=${q.status} /></p>
    <dl class="facts">
      <dt>${t('home.followUpDue')}</dt><dd>${fmtDate(due)}${days !== null && days >= 0 ? html` <span class="muted">(${t('home.daysLeft', { n: days })})</span>` : null}</dd>
      <dt>${t('home.lastTraining')}</dt><dd>${fmtDate(q.last_training_on)}</dd>
      <dt>${t('home.insurance')}</dt><dd>${insured ? fmtDate(insured) : t('home.noInsurance')}</dd>
      <dt>${t('home.code')}</dt><dd>${me.code || '—'}</dd>
    </dl>
    ${q.status === 'due_soon' ? html`<div class="alert alert-warn"><p><strong>${t('home.dueSoonTitle')}</strong></p>
      <p>${t('home.dueSoon', { date: fmtDate(due), n: days })}</p></div>` : null}
    ${q.status === 'lapsed' ? html`<div class="alert alert-error"><p><strong>${t('home.lapsedTitle')}</strong></p>
      <p>${t('home.lapsed', { date: fmtDate(due) })}</p></div>` : null}
    ${q.status === 'untrained' ? html`<div class="alert alert-warn"><p>${t('home.untrained')}</p></div>` : null}
    ${!insured || insDays < 0 ? html`<div class="alert alert-error"><p>${t('home.insuranceMissing')}</p></div>`
      : insDays <= 30 ? html`<div class="alert alert-warn"><p>${t('home.insuranceSoon', { date: fmtDate(insured) })}</p></div>` : null}
  </section>`;
}

function AssignmentList({ list }) {
  if (!list.length) return html`<${Empty}>${t('home.noAssignments')}</${Empty}>`;
  return html`<ul class="list">${list.map((a) => html`<li class="list-item">
    <p class="item-title">${a.case?.nickname || t('home.caseHidden')}</p>
    <p>${(a.case?.needs || []).map((n) => html`<span class="chip">${label('need', n)}</span>`)}</p>
    <p class="muted">${t('home.since', { date: fmtDate(a.starts_on) })}${a.case?.municipality_name ? ` · ${a.case.municipality_name}` : ''}</p>
  </li>`)}</ul>`;
}

export function WaitingList({ list }) {
  if (!list.length) return null;
  return html`<section class="card card-warn" aria-labelledby="wait-title" data-testid="waiting">
    <h2 id="wait-title">${t('outbox.title', { n: list.length })}</h2>
    <p class="hint">${navigator.onLine ? t('outbox.online') : t('outbox.offline')}</p>
    <ul class="list">${list.map((x) => html`<li class="list-item" data-state=${x.state}>
      <p class="item-title">${fmtShortDate(x.body.date)} ${x.body.start} · ${label('kind', x.body.kind)} · ${minutes(x.body.minutes)}</p>
      ${x.state === 'failed' ? html`<p class="error-text">${t('outbox.failed')}: ${x.error}</p>
        <p class="actions">
          <button type="button" class="btn" onClick=${() => outbox.retry(x.key)}>${t('outbox.retry')}</button>
          <button type="button" class="btn btn-danger" onClick=${() => outbox.remove(x.key)}>${t('outbox.delete')}</button>
        </p>` : html`<p class="muted">${t('outbox.waiting')}</p>`}
    </li>`)}</ul>
    ${navigator.onLine ? html`<button type="button" class="btn" onClick=${() => outbox.flush()}>${t('outbox.sendNow')}</button>` : null}
  </section>`;
}

function ReportList({ list }) {
  if (!list.length) return html`<${Empty}>${t('home.noReports')}</${Empty}>`;
  return html`<ul class="list" data-testid="reports">${list.map((a) => html`<li class="list-item">
    <p class="item-title">${fmtShortDate(a.date)} · ${label('kind', a.kind)} · ${minutes(a.minutes)}</p>
    <p><${Badge} group="activityStatus" code=${a.status} />
      ${a.honorarium_yen !== undefined ? html` <span class="muted">${t('home.honorarium')} ${yen(a.honorarium_yen)}</span>` : null}</p>
    ${a.reject_reason || a.reason ? html`<p class="muted">${t('home.rejectReason')}: ${a.reject_reason || a.reason}</p>` : null}
  </li>`)}</ul>`;
}

function useOnline() {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    addEventListener('online', on);
    addEventListener('offline', off);
    return () => { removeEventListener('online', on); removeEventListener('offline', off); };
  }, []);
  return online;
}

function OfflineBanner() {
  const online = useOnline();
  return online ? null : html`<div class="alert alert-warn" role="status"><p>${t('outbox.offlineBanner')}</p></div>`;
}

// Refreshes a page's data when a waiting report has been sent.
function useReloadOnSent(reload) {
  useEffect(() => outbox.subscribe((e) => { if (e.type === 'sent') reload(); }), []);
}

export function Home() {
  const me = useLoad(loadMe, []);
  const assignments = useLoad(loadAssignments, []);
  const reports = useLoad(() => api('GET', `/v1/activities${qs({ limit: 5 })}`).then((r) => items(r, 'activities')), []);
  const waiting = useOutbox();
  useReloadOnSent(reports.reload);
  const name = me.data?.name;
  // Everything below the report button appears at once, so that nothing
  // already on screen moves when the answers arrive.
  const ready = !me.loading && !assignments.loading && !reports.loading;
  return html`
    <${PageTitle}>${t('nav.home')}</${PageTitle}>
    <${OfflineBanner} />
    <p><${Link} class="btn btn-primary btn-block btn-big" href="/app/report">${t('home.reportVisit')}</${Link}></p>
    <${WaitingList} list=${waiting} />
    ${!ready ? html`<${Loading} />` : html`
    ${name ? html`<p class="greeting">${t('home.hello', { name })}</p>` : null}
    ${me.error ? html`<${ErrorBox} error=${me.error} retry=${me.reload} />`
      : me.data ? html`<${QualificationCard} me=${me.data} />` : html`<div class="alert alert-warn"><p>${t('home.noSupporter')}</p></div>`}
    <section class="card" aria-labelledby="a-title">
      <h2 id="a-title">${t('home.assignments')}</h2>
      ${assignments.loading ? html`<${Loading} />` : assignments.error ? html`<${ErrorBox} error=${assignments.error} retry=${assignments.reload} />`
        : html`<${AssignmentList} list=${assignments.data} />`}
    </section>
    <section class="card" aria-labelledby="r-title">
      <h2 id="r-title">${t('home.reports')}</h2>
      ${reports.loading ? html`<${Loading} />` : reports.error ? html`<${ErrorBox} error=${reports.error} retry=${reports.reload} />`
        : html`<${ReportList} list=${reports.data} />`}
    </section>
    <section class="card" aria-labelledby="s-title">
      <h2 id="s-title">${t('home.statements')}</h2>
      <p><${Link} href="/app/my-statements">${t('home.seeStatements')}</${Link}></p>
    </section>`}`;
}

// ---- the visit report -----------------------------------------------------

function draftKey() {
  return `ts.draft.report.${session.login || ''}`;
}

function readDraft() {
  try {
    return JSON.parse(sessionStorage.getItem(draftKey()) || 'null');
  } catch {
    return null;
  }
}

function blankReport(assignments) {
  const only = assignments.length === 1 ? assignments[0] : null;
  const firstNeed = only?.case?.needs?.find((n) => KINDS.includes(n));
  return {
    assignment_id: only ? String(only.id) : '',
    date: todayISO(), start: nowHHMM(), kind: firstNeed || 'home_visit', minutes: '60', transport_yen: '0', note: '',
  };
}

function validate(v) {
  const e = {};
  const today = todayISO();
  if (!v.assignment_id) e.assignment_id = t('report.err.assignment');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) e.date = t('report.err.date');
  else if (v.date > today) e.date = t('report.err.future');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.start)) e.start = t('report.err.start');
  const m = Number(v.minutes);
  if (!Number.isInteger(m) || m < 1 || m > 720) e.minutes = t('report.err.minutes');
  const y = Number(v.transport_yen);
  if (!Number.isInteger(y) || y < 0 || y > 50000) e.transport_yen = t('report.err.transport');
  if (v.note.length > 1000) e.note = t('report.err.note');
  return e;
}

export function Report() {
  const assignments = useLoad(loadAssignments, []);
  const waiting = useOutbox();
  const [v, setV] = useState(null);
  const [errors, setErrors] = useState({});
  const [status, setStatus] = useState(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef(null);

  useEffect(() => {
    if (!assignments.data || v) return;
    const draft = readDraft();
    const base = blankReport(assignments.data);
    setV(draft ? { ...base, ...draft } : base);
    if (draft) setStatus({ kind: 'info', text: t('report.draftRestored') });
  }, [assignments.data]);

  const set = (name) => (e) => {
    const next = { ...v, [name]: e.currentTarget.value };
    setV(next);
    try { sessionStorage.setItem(draftKey(), JSON.stringify(next)); } catch { /* kept in memory */ }
  };

  const onSubmit = async (e) => {
    e.preventDefault();
    const errs = validate(v);
    setErrors(errs);
    if (Object.keys(errs).length) {
      const first = formRef.current.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
      setStatus({ kind: 'error', text: t('report.fix') });
      return;
    }
    setBusy(true);
    const body = {
      assignment_id: Number(v.assignment_id), date: v.date, start: v.start, minutes: Number(v.minutes),
      kind: v.kind, transport_yen: Number(v.transport_yen), note: v.note,
    };
    const item = await outbox.add(body);
    try { sessionStorage.removeItem(draftKey()); } catch { /* none */ }
    setV({ ...blankReport(assignments.data), assignment_id: v.assignment_id });
    const sent = await outbox.flush();
    setBusy(false);
    const left = (await outbox.list()).find((x) => x.key === item.key);
    let msg;
    if (!left) msg = { kind: 'ok', text: t('report.sent') };
    else if (left.state === 'failed') {
      msg = { kind: 'error', text: `${t('report.refused')} ${left.error}` };
    } else msg = { kind: 'warn', text: t('report.queued') };
    setStatus(msg);
    announce(msg.text);
    void sent;
  };

  if (assignments.loading || (!v && !assignments.error)) return html`<${PageTitle}>${t('report.title')}</${PageTitle}><${Loading} />`;
  if (assignments.error) return html`<${PageTitle}>${t('report.title')}</${PageTitle}><${ErrorBox} error=${assignments.error} retry=${assignments.reload} />`;
  const list = assignments.data;
  const inv = (n) => (errors[n] ? 'true' : undefined);
  const desc = (n, hint) => [hint ? `${n}-hint` : null, errors[n] ? `${n}-error` : null].filter(Boolean).join(' ') || undefined;
  return html`
    <${PageTitle}>${t('report.title')}</${PageTitle}>
    <${OfflineBanner} />
    ${status ? html`<div class=${`alert alert-${status.kind}`} role=${status.kind === 'error' ? 'alert' : 'status'}><p>${status.text}</p></div>` : null}
    ${!list.length ? html`<div class="alert alert-warn"><p>${t('report.noAssignment')}</p></div>` : html`
    <form class="card form" ref=${formRef} onSubmit=${onSubmit} novalidate data-testid="report-form">
      <${Field} id="assignment_id" label=${t('report.assignment')} error=${errors.assignment_id}>
        <select id="assignment_id" value=${v.assignment_id} onChange=${set('assignment_id')} required
          aria-invalid=${inv('assignment_id')} aria-describedby=${desc('assignment_id')}>
          ${list.length > 1 ? html`<option value="">${t('report.choose')}</option>` : null}
          ${list.map((a) => html`<option value=${String(a.id)}>${a.case?.nickname || `#${a.case_id}`}</option>`)}
        </select>
      </${Field}>
      <div class="row2">
        <${Field} id="date" label=${t('report.date')} error=${errors.date}>
          <input id="date" type="date" value=${v.date} max=${todayISO()} onInput=${set('date')} required
            aria-invalid=${inv('date')} aria-describedby=${desc('date')} />
        </${Field}>
        <${Field} id="start" label=${t('report.start')} error=${errors.start}>
          <input id="start" type="time" value=${v.start} onInput=${set('start')} required step="300"
            aria-invalid=${inv('start')} aria-describedby=${desc('start')} />
        </${Field}>
      </div>
      <fieldset class="field">
        <legend>${t('report.kind')}</legend>
        <div class="choices">${KINDS.map((k) => html`<label class=${v.kind === k ? 'choice on' : 'choice'}>
          <input type="radio" name="kind" value=${k} checked=${v.kind === k} onChange=${set('kind')} /> ${label('kind', k)}</label>`)}
        </div>
      </fieldset>
      <div class="row2">
        <${Field} id="minutes" label=${t('report.minutes')} error=${errors.minutes} hint=${t('report.minutesHint')}>
          <input id="minutes" type="number" inputmode="numeric" min="1" max="720" step="1" value=${v.minutes}
            onInput=${set('minutes')} required aria-invalid=${inv('minutes')} aria-describedby=${desc('minutes', true)} />
        </${Field}>
        <${Field} id="transport_yen" label=${t('report.transport')} error=${errors.transport_yen} hint=${t('report.transportHint')}>
          <input id="transport_yen" type="number" inputmode="numeric" min="0" max="50000" step="1" value=${v.transport_yen}
            onInput=${set('transport_yen')} aria-invalid=${inv('transport_yen')} aria-describedby=${desc('transport_yen', true)} />
        </${Field}>
      </div>
      <${Field} id="note" label=${t('report.note')} error=${errors.note} hint=${t('report.noteHint', { n: 1000 - v.note.length })}>
        <textarea id="note" rows="3" maxlength="1000" value=${v.note} onInput=${set('note')}
          aria-invalid=${inv('note')} aria-describedby=${desc('note', true)}></textarea>
      </${Field}>
      <button type="submit" class="btn btn-primary btn-block btn-big" disabled=${busy}>${busy ? t('report.sending') : t('report.submit')}</button>
    </form>`}
    <${WaitingList} list=${waiting} />
    <p><${Link} href="/app/home">${t('common.backHome')}</${Link}></p>`;
}

// ---- statements -------------------------------------------------------------

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

export function MyStatements() {
  const [month, setMonth] = useState(addMonths(thisMonth(), -1));
  const r = useLoad(() => api('GET', `/v1/payments/statements${qs({ month })}`).then((x) => items(x, 'statements')), [month]);
  return html`
    <${PageTitle}>${t('statement.title')}</${PageTitle}>
    <${MonthPicker} month=${month} onChange=${setMonth} />
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />`
      : r.data.length ? r.data.map((s) => html`<${StatementView} s=${s} />`) : html`<${Empty}>${t('statement.none')}</${Empty}>`}`;
}

export { navigate, errorText, fieldErrors };
