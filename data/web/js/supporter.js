// The supporter's pages, made for a phone: home (qualification, follow-up due
// date, assignments, last reports, waiting reports), the visit report form
// that works offline, and monthly statements.
import {
  html, useState, useEffect, useRef, t, label, api, ApiError, qs, session, PageTitle, Loading, ErrorBox, Empty, Badge,
  Field, Link, useLoad, fmtDate, fmtShortDate, fmtMonth, fmtDateTime, yen, todayISO, nowHHMM,
  announce, fieldErrors, errorText, navigate, minutes, query, setQuery, DownloadButton,
} from './core.js';
import * as outbox from './outbox.js';
import { UpcomingVisits, StaffedEvents } from './agenda.js';

export const KINDS = ['home_visit', 'accompany', 'phone', 'space', 'family_support', 'online'];

const items = (r, name) => (Array.isArray(r) ? r : r?.[name] || r?.items || []);

function daysUntil(iso) {
  const a = Date.parse(`${todayISO()}T00:00:00Z`);
  const b = Date.parse(`${iso}T00:00:00Z`);
  return Math.round((b - a) / 86400000);
}

// The own record, the assignments and the last reports, kept on the device
// for a dead zone (localStorage, forgotten at sign-out; docs/web.md).
const TIMEOUT = outbox.TIMEOUT;

function keptCopy(key) {
  try {
    const x = JSON.parse(localStorage.getItem(key) || 'null');
    return x && x.at ? x : null;
  } catch {
    return null;
  }
}

async function cached(name, fn) {
  const key = `ts.cache.${name}.${session.login || ''}`;
  try {
    const data = await fn();
    try { localStorage.setItem(key, JSON.stringify({ at: new Date().toISOString(), data })); } catch { /* memory only */ }
    return { data, at: null };
  } catch (e) {
    const kept = !(e instanceof ApiError) || e.status >= 500 ? keptCopy(key) : null;
    if (kept) return { data: kept.data, at: kept.at };
    throw e;
  }
}

const get = (path) => api('GET', path, { timeout: TIMEOUT });

// The supporter's own record: the id comes with the sign-in answer.
function loadMe() {
  if (!session.supporter_id) return Promise.resolve({ data: null, at: null });
  return cached('me', () => get(`/v1/supporters/${session.supporter_id}`));
}

// Active assignments with the case's nickname and needs.  The case is read
// through the API's reduced view for supporters (nickname, needs, interests).
function loadAssignments() {
  return cached('assignments', fetchAssignments);
}

// The five reports made last, in one request of known size whatever the
// month holds (over one bar of signal), shown by date.
function loadReports() {
  return cached('reports', async () => {
    const r = await get(`/v1/activities${qs({ order: 'newest', limit: 5 })}`);
    return items(r, 'activities')
      .sort((x, y) => `${y.date} ${y.start || ''}`.localeCompare(`${x.date} ${x.start || ''}`) || y.id - x.id);
  });
}

async function fetchAssignments() {
  const r = await get(`/v1/assignments${qs({ active: 'true' })}`);
  const list = items(r, 'assignments').filter((a) => !a.ended_on);
  await Promise.all(list.map(async (a) => {
    if (a.case && a.case.nickname) return;
    if (a.case_nickname) {
      a.case = { nickname: a.case_nickname, needs: a.case_needs || [] };
      return;
    }
    try {
      a.case = await get(`/v1/cases/${a.case_id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
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

// The fields in page order, with the labels a refusal names them by.
const FIELDS = [['assignment_id', 'report.assignment'], ['date', 'report.date'], ['start', 'report.start'],
  ['kind', 'report.kind'], ['minutes', 'report.minutes'], ['transport_yen', 'report.transport'], ['note', 'report.note']];
const FIELD_LABEL = Object.fromEntries(FIELDS);

// Why the server refused a report: its messages after their fields' labels.
export function refusalText(item) {
  const p = item.problem;
  if (!p) return item.error || '';
  if (p.errors && p.errors.length) {
    return p.errors.map((x) => (FIELD_LABEL[x.field] ? `${t(FIELD_LABEL[x.field])}：${x.message}` : x.message)).join(' / ');
  }
  return p.detail || t('error.http', { status: p.status });
}

function reportLine(b) {
  return `${fmtShortDate(b.date)} ${b.start} · ${label('kind', b.kind)} · ${minutes(b.minutes)}`;
}

// The reports in the outbox: those waiting (sent automatically) and those the
// server refused (never sent again by themselves: 修正して再送 or 削除).
export function WaitingList({ list, onFix, editing }) {
  if (!list.length) return null;
  const waiting = list.filter((x) => x.state !== 'failed');
  const refused = list.filter((x) => x.state === 'failed');
  const fix = onFix || ((key) => navigate(`/app/report?fix=${encodeURIComponent(key)}`));
  return html`<section class="card card-warn" aria-labelledby="wait-title" data-testid="waiting">
    <h2 id="wait-title">${waiting.length ? t('outbox.title', { n: waiting.length }) : t('outbox.refusedTitle', { n: refused.length })}</h2>
    ${waiting.length ? html`<p class="hint">${navigator.onLine ? t('outbox.online') : t('outbox.offline')}</p>
    <ul class="list">${waiting.map((x) => html`<li class="list-item" data-state=${x.state}>
      <p class="item-title">${reportLine(x.body)}</p>
      <p class="muted">${t('outbox.waiting')}</p>
    </li>`)}</ul>
    ${navigator.onLine ? html`<button type="button" class="btn" onClick=${() => outbox.flushNow()}>${t('outbox.sendNow')}</button>` : null}` : null}
    ${refused.length ? html`${waiting.length ? html`<h3>${t('outbox.refusedTitle', { n: refused.length })}</h3>` : null}
    <p class="hint">${t('outbox.refusedHint')}</p>
    <ul class="list">${refused.map((x) => html`<li class="list-item" data-state=${x.state}>
      <p class="item-title">${reportLine(x.body)}</p>
      <p class="error-text">${t('outbox.failed')}：${refusalText(x)}</p>
      <p class="actions">
        ${x.key !== editing ? html`<button type="button" class="btn btn-primary" onClick=${() => fix(x.key)}>${t('outbox.fix')}</button>` : null}
        <button type="button" class="btn btn-danger" onClick=${() => outbox.remove(x.key)}>${t('outbox.delete')}</button>
      </p>
    </li>`)}</ul>` : null}
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

// Shown instead of a connection error when home comes from the kept copy.
function StaleNotice({ at, retry }) {
  if (!at) return null;
  return html`<div class="alert alert-info" role="status" data-testid="stale">
    <p>${t('home.staleShown')}</p>
    <p><strong>${t('home.lastUpdated', { at: fmtDateTime(at) })}</strong></p>
    <button type="button" class="btn" onClick=${retry}>${t('common.retry')}</button>
  </div>`;
}

export function Home() {
  const me = useLoad(loadMe, []);
  const assignments = useLoad(loadAssignments, []);
  const reports = useLoad(loadReports, []);
  const waiting = useOutbox();
  useReloadOnSent(reports.reload);
  const meData = me.data?.data;
  const name = meData?.name;
  // The oldest kept copy shown, if any part came from the device.
  const stale = [me.data?.at, assignments.data?.at, reports.data?.at].filter(Boolean).sort()[0];
  const reloadAll = () => { me.reload(); assignments.reload(); reports.reload(); };
  // Everything below the report button appears at once, so that nothing
  // already on screen moves when the answers arrive.
  const ready = !me.loading && !assignments.loading && !reports.loading;
  return html`
    <${PageTitle}>${t('nav.home')}</${PageTitle}>
    <${OfflineBanner} />
    <p><${Link} class="btn btn-primary btn-block btn-big" href="/app/report">${t('home.reportVisit')}</${Link}></p>
    <${WaitingList} list=${waiting} />
    ${!ready ? html`<${Loading} />` : html`
    <${StaleNotice} at=${stale} retry=${reloadAll} />
    ${name ? html`<p class="greeting">${t('home.hello', { name })}</p>` : null}
    ${me.error ? html`<${ErrorBox} error=${me.error} retry=${me.reload} />`
      : meData ? html`<${QualificationCard} me=${meData} />` : html`<div class="alert alert-warn"><p>${t('home.noSupporter')}</p></div>`}
    <section class="card" aria-labelledby="a-title">
      <h2 id="a-title">${t('home.assignments')}</h2>
      ${assignments.error ? html`<${ErrorBox} error=${assignments.error} retry=${assignments.reload} />`
        : html`<${AssignmentList} list=${assignments.data.data} />`}
    </section>
    <${UpcomingVisits} keep=${cached} />
    <${StaffedEvents} keep=${cached} />
    <section class="card" aria-labelledby="r-title">
      <h2 id="r-title">${t('home.reports')}</h2>
      ${reports.error ? html`<${ErrorBox} error=${reports.error} retry=${reports.reload} />`
        : html`<${ReportList} list=${reports.data.data} />`}
    </section>
    <section class="card" aria-labelledby="s-title">
      <h2 id="s-title">${t('home.statements')}</h2>
      <p><${Link} class="link-tap" href="/app/my-statements">${t('home.seeStatements')}</${Link}></p>
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

// A fresh form: the kind and the minutes are left for the supporter, so that
// an untouched form cannot be sent (issue 15).
function blankReport(assignments) {
  const only = assignments.length === 1 ? assignments[0] : null;
  return {
    assignment_id: only ? String(only.id) : '',
    date: todayISO(), start: nowHHMM(), kind: '', minutes: '', transport_yen: '0', note: '',
  };
}

function toForm(b) {
  return {
    assignment_id: String(b.assignment_id), date: b.date, start: b.start, kind: b.kind, minutes: String(b.minutes),
    transport_yen: String(b.transport_yen ?? 0), note: b.note || '', visit_id: b.visit_id ? String(b.visit_id) : '',
  };
}

// The API refuses an empty note ("use null"): an empty note is left out.
function toBody(v) {
  const body = {
    assignment_id: Number(v.assignment_id), date: v.date, start: v.start, minutes: Number(v.minutes),
    kind: v.kind, transport_yen: Number(v.transport_yen),
  };
  if (v.note.trim()) body.note = v.note;
  if (v.visit_id) body.visit_id = Number(v.visit_id);   // from 「この訪問を報告」 (visits.js)
  return body;
}

function validate(v) {
  const e = {};
  const today = todayISO();
  if (!v.assignment_id) e.assignment_id = { key: 'report.err.assignment' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) e.date = { key: 'report.err.date' };
  else if (v.date > today) e.date = { key: 'report.err.future' };
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.start)) e.start = { key: 'report.err.start' };
  if (!KINDS.includes(v.kind)) e.kind = { key: 'report.err.kind' };
  const m = Number(v.minutes);
  if (v.minutes === '' || !Number.isInteger(m) || m < 1 || m > 720) e.minutes = { key: 'report.err.minutes' };
  const y = Number(v.transport_yen);
  if (v.transport_yen === '' || !Number.isInteger(y) || y < 0 || y > 50000) e.transport_yen = { key: 'report.err.transport' };
  if (v.note.length > 1000) e.note = { key: 'report.err.note' };
  return e;
}

// A field's error: a key of this form's own checks (shown in the current
// language, also after switching) or the server's translated message.
const msg = (x) => (x && x.key ? t(x.key) : x);

// The page's status line, kept as keys so that a language switch redraws it.
function statusText(s) {
  return s.item ? `${t(s.key)} ${refusalText(s.item)}` : t(s.key);
}

// The server's refusal next to its fields (its messages are translated).
function problemErrors(p) {
  const out = {};
  for (const x of p?.errors || []) if (FIELD_LABEL[x.field]) out[x.field] = x.message;
  return out;
}

function focusFirst(form, errs) {
  const first = FIELDS.map(([n]) => n).find((n) => errs[n]);
  if (!form || !first) return;
  const el = first === 'kind' ? form.querySelector('input[name=kind]') : form.querySelector(`#${first}`);
  if (el) el.focus();
}

// The "sent" moment: the form gives way to this card, in view and focused.
function SentCard({ done, onAnother }) {
  const ref = useRef(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  }, [done.key]);
  const ok = done.kind === 'sent';
  return html`<section class=${`card sent-card ${ok ? 'sent-ok' : 'sent-queued'}`} tabindex="-1" ref=${ref}
      data-testid="sent-card" data-state=${done.kind} aria-labelledby="sent-title">
    <h2 id="sent-title">${ok ? t('report.sent') : t('report.queued')}</h2>
    <p>${reportLine(done.body)}</p>
    ${ok ? null : html`<p class="hint">${t('report.queuedHint')}</p>`}
    <p class="actions">
      <button type="button" class="btn btn-primary btn-big" onClick=${onAnother}>${t('report.another')}</button>
      <${Link} class="btn btn-big" href="/app/home">${t('nav.home')}</${Link}>
    </p>
  </section>`;
}

export function Report() {
  const assignments = useLoad(() => loadAssignments().then((r) => r.data), []);
  const waiting = useOutbox();
  const [v, setV] = useState(null);
  const [errors, setErrors] = useState({});
  const [status, setStatus] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const [editing, setEditing] = useState(null);
  const formRef = useRef(null);
  const submitting = useRef(false);

  // A report the server refused, opened for correction: its content, the
  // reasons next to their fields, and its key kept (outbox.resend).
  const openFix = async (key, { scroll = true } = {}) => {
    const item = await outbox.get(key);
    if (!item) return false;
    const errs = problemErrors(item.problem);
    setV(toForm(item.body));
    setEditing(key);
    setErrors(errs);
    setDone(null);
    setStatus({ kind: 'error', key: 'report.refused', item, fix: true });
    if (query('fix') !== key) setQuery({ fix: key });
    if (scroll) scrollTo(0, 0);
    setTimeout(() => focusFirst(formRef.current, errs), 0);
    return true;
  };

  useEffect(() => {
    if (!assignments.data || v) return;
    const fix = query('fix');
    (async () => {
      if (fix && await openFix(fix, { scroll: false })) return;
      if (fix) setQuery({ fix: null });
      const draft = readDraft();
      const base = blankReport(assignments.data);
      if (draft && draft.editing && await outbox.get(draft.editing)) setEditing(draft.editing);
      if (draft) delete draft.editing;
      setV(draft ? { ...base, ...draft } : base);
      if (draft) setStatus({ kind: 'info', key: 'report.draftRestored' });
    })();
  }, [assignments.data]);

  // A report queued here and sent while its card is shown: the card says so.
  useEffect(() => outbox.subscribe((e) => {
    if (e.type === 'sent') setDone((d) => (d && d.key === e.key && d.kind === 'queued' ? { ...d, kind: 'sent' } : d));
  }), []);

  const set = (name) => (e) => {
    const next = { ...v, [name]: e.currentTarget.value };
    setV(next);
    if (errors[name]) setErrors({ ...errors, [name]: undefined });
    try { sessionStorage.setItem(draftKey(), JSON.stringify({ ...next, editing })); } catch { /* kept in memory */ }
  };

  const another = () => {
    setDone(null);
    setEditing(null);
    setErrors({});
    setStatus(null);
    setV(blankReport(assignments.data));
    if (query('fix')) setQuery({ fix: null });
    setTimeout(() => {
      const el = formRef.current && formRef.current.querySelector('select, input');
      if (el) { el.scrollIntoView({ block: 'center' }); el.focus(); }
    }, 0);
  };

  const onSubmit = async (e) => {
    e.preventDefault();
    // One report per tap: a second tap while the first is being written or
    // sent does nothing (the form is gone once it is done).
    if (submitting.current) return;
    const errs = validate(v);
    setErrors(errs);
    if (Object.keys(errs).length) {
      focusFirst(formRef.current, errs);
      setStatus({ kind: 'error', key: 'report.fix' });
      return;
    }
    submitting.current = true;
    setBusy(true);
    try {
      const body = toBody(v);
      const item = editing ? await outbox.resend(editing, body) : await outbox.add(body);
      try { sessionStorage.removeItem(draftKey()); } catch { /* none */ }
      // A flush already under way may have started before this report was
      // written: then one more.
      let left = item;
      for (let i = 0; i < 2 && left && left.state !== 'failed'; i++) {
        const r = await outbox.flushNow();
        left = await outbox.get(item.key);
        if (!r.done) break;
      }
      if (left && left.state === 'failed') {
        // Refused at once: the same form, the reasons next to their fields.
        const perr = problemErrors(left.problem);
        setEditing(left.key);
        setErrors(perr);
        const st = { kind: 'error', key: 'report.refused', item: left, fix: true };
        setStatus(st);
        announce(statusText(st));
        setTimeout(() => focusFirst(formRef.current, perr), 0);
        return;
      }
      const kind = left ? 'queued' : 'sent';
      setDone({ kind, key: item.key, body });
      setEditing(null);
      setStatus(null);
      setErrors({});
      if (query('fix')) setQuery({ fix: null });
      announce(kind === 'sent' ? t('report.sent') : t('report.queued'));
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  if (assignments.loading || (!v && !assignments.error)) return html`<${PageTitle}>${t('report.title')}</${PageTitle}><${Loading} />`;
  if (assignments.error) return html`<${PageTitle}>${t('report.title')}</${PageTitle}><${ErrorBox} error=${assignments.error} retry=${assignments.reload} />`;
  const list = assignments.data;
  const inv = (n) => (errors[n] ? 'true' : undefined);
  const desc = (n, hint) => [hint ? `${n}-hint` : null, errors[n] ? `${n}-error` : null].filter(Boolean).join(' ') || undefined;
  return html`
    <${PageTitle}>${t('report.title')}</${PageTitle}>
    <${OfflineBanner} />
    ${done ? html`<${SentCard} done=${done} onAnother=${another} />` : html`
    ${status ? html`<div class=${`alert alert-${status.kind}`} role=${status.kind === 'error' ? 'alert' : 'status'} data-testid="report-status">
      <p>${statusText(status)}</p>${status.fix ? html`<p>${t('report.fixHint')}</p>` : null}</div>` : null}
    ${!list.length ? html`<div class="alert alert-warn"><p>${t('report.noAssignment')}</p></div>` : html`
    <form class="card form" ref=${formRef} onSubmit=${onSubmit} novalidate data-testid="report-form" data-editing=${editing || undefined}>
      <${Field} id="assignment_id" label=${t('report.assignment')} error=${msg(errors.assignment_id)}>
        <select id="assignment_id" name="assignment_id" value=${v.assignment_id} onChange=${set('assignment_id')} required
          aria-invalid=${inv('assignment_id')} aria-describedby=${desc('assignment_id')}>
          ${list.length > 1 || !v.assignment_id ? html`<option value="">${t('report.choose')}</option>` : null}
          ${list.map((a) => html`<option value=${String(a.id)}>${a.case?.nickname || `#${a.case_id}`}</option>`)}
        </select>
      </${Field}>
      <div class="row2">
        <${Field} id="date" label=${t('report.date')} error=${msg(errors.date)}>
          <input id="date" name="date" type="date" value=${v.date} max=${todayISO()} onInput=${set('date')} required
            aria-invalid=${inv('date')} aria-describedby=${desc('date')} />
        </${Field}>
        <${Field} id="start" label=${t('report.start')} error=${msg(errors.start)}>
          <input id="start" name="start" type="time" value=${v.start} onInput=${set('start')} required step="300"
            aria-invalid=${inv('start')} aria-describedby=${desc('start')} />
        </${Field}>
      </div>
      <fieldset class=${`field${errors.kind ? ' field-error' : ''}`} aria-describedby=${errors.kind ? 'kind-error' : undefined}>
        <legend>${t('report.kind')}</legend>
        <div class="choices">${KINDS.map((k) => html`<label class=${v.kind === k ? 'choice on' : 'choice'}>
          <input type="radio" name="kind" value=${k} checked=${v.kind === k} onChange=${set('kind')} required
            aria-invalid=${inv('kind')} /> ${label('kind', k)}</label>`)}
        </div>
        ${errors.kind ? html`<p class="error-text" id="kind-error">${msg(errors.kind)}</p>` : null}
      </fieldset>
      <div class="row2">
        <${Field} id="minutes" label=${t('report.minutes')} error=${msg(errors.minutes)} hint=${t('report.minutesHint')}>
          <input id="minutes" name="minutes" type="number" inputmode="numeric" min="1" max="720" step="1" value=${v.minutes}
            onInput=${set('minutes')} required aria-invalid=${inv('minutes')} aria-describedby=${desc('minutes', true)} />
        </${Field}>
        <${Field} id="transport_yen" label=${t('report.transport')} error=${msg(errors.transport_yen)} hint=${t('report.transportHint')}>
          <input id="transport_yen" name="transport_yen" type="number" inputmode="numeric" min="0" max="50000" step="1" value=${v.transport_yen}
            onInput=${set('transport_yen')} aria-invalid=${inv('transport_yen')} aria-describedby=${desc('transport_yen', true)} />
        </${Field}>
      </div>
      <${Field} id="note" label=${t('report.note')} error=${msg(errors.note)} hint=${t('report.noteHint', { n: 1000 - v.note.length })}>
        <textarea id="note" name="note" rows="3" maxlength="1000" value=${v.note} onInput=${set('note')}
          aria-invalid=${inv('note')} aria-describedby=${desc('note', true)}></textarea>
      </${Field}>
      <button type="submit" class="btn btn-primary btn-block btn-big" disabled=${busy}>${busy ? t('report.sending') : editing ? t('report.resubmit') : t('report.submit')}</button>
    </form>`}`}
    <${WaitingList} list=${waiting} editing=${done ? null : editing} onFix=${(key) => openFix(key)} />
    <p><${Link} class="link-tap" href="/app/home">${t('common.backHome')}</${Link}></p>`;
}

export { navigate, errorText, fieldErrors };
