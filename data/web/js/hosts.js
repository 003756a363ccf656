// 職親 hosts (survey and registration) and placements, the staff's pages;
// the month calendar of a host (participants per day against capacity, each
// participant's days remaining out of 240) and the host's own page with
// attendance are in host.js.
import {
  html, useState, useEffect, useRef, lang, ApiError, t, label, api, qs, session, PageTitle, Loading, ErrorBox, Empty, Badge, Field, Link, useLoad,
  fmtDate, fmtShortDate, thisMonth, todayISO, announce, errorText, query, setQuery, yen, navigate, takeNotice, downloadCsv,
  DownloadButton,
} from './core.js';
import { Form, StepForm, opts, problemText } from './forms.js';
import { MonthPicker } from './statement.js';
import { Calendar, fmtPeriod, preInterviewText } from './host.js';
import { useOrgFilter, OrgSelect } from './orgs.js';
import { DeviceSection } from './devices.js';

const HOST_STATUSES = ['applied', 'surveyed', 'registered', 'suspended', 'retired', 'rejected'];

export function Hosts() {
  const [status, setStatus] = useState(query('status') || '');
  const org = useOrgFilter();
  const r = useLoad(() => api('GET', `/v1/hosts${qs({ status, organisation_id: org.org, limit: 200 })}`), [status, org.org]);
  const list = r.data?.hosts || [];
  // The hosts shown (an installation has a few dozen: one page of 200).
  const csv = () => {
    downloadCsv(`${t('hosts.csvName')}_${todayISO()}.csv`, [t('hosts.name'), t('hosts.status'), t('hosts.industry'),
      t('cases.municipality'), t('hosts.capacity'), ...(org.admin ? [t('orgs.organisation')] : [])],
    list.map((h) => [h.name, label('hostStatus', h.status), h.industry || '', h.municipality_name || h.municipality_code,
      h.capacity_per_day, ...(org.admin ? [org.orgs.nameOf(h.organisation_id)] : [])]));
  };
  return html`
    <${PageTitle}>${t('hosts.title')}</${PageTitle}>
    <p class="actions"><${Link} class="btn btn-primary" href="/app/hosts/new">${t('hosts.new')}</${Link}>
      <button type="button" class="btn" onClick=${csv} disabled=${!list.length}>${t('supporters.csv')}</button></p>
    <div class="card filters"><${OrgSelect} filter=${org} /><div class="field"><label for="h-status">${t('hosts.status')}</label>
      <select id="h-status" value=${status} onChange=${(e) => { setStatus(e.currentTarget.value); setQuery({ status: e.currentTarget.value }); }}>
        <option value="">${t('common.all')}</option>
        ${HOST_STATUSES.map((s) => html`<option value=${s}>${label('hostStatus', s)}</option>`)}
      </select></div>
      <p><${Link} class="btn" href="/app/placements">${t('nav.placements')}</${Link}></p></div>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
      <div class="table-wrap"><table data-testid="hosts">
        <thead><tr><th scope="col">${t('hosts.name')}</th><th scope="col">${t('hosts.status')}</th><th scope="col">${t('hosts.industry')}</th>
          <th scope="col">${t('cases.municipality')}</th><th scope="col" class="num">${t('hosts.capacity')}</th>
          ${org.admin ? html`<th scope="col">${t('orgs.organisation')}</th>` : null}</tr></thead>
        <tbody>${list.map((h) => html`<tr><td><${Link} href=${`/app/hosts/${h.id}`}>${h.name}</${Link}></td>
          <td><${Badge} group="hostStatus" code=${h.status} kind=${`hs-${h.status}`} /></td><td>${h.industry || '—'}</td>
          <td>${h.municipality_name || h.municipality_code}</td><td class="num">${h.capacity_per_day}</td>
          ${org.admin ? html`<td class="org">${org.orgs.nameOf(h.organisation_id)}</td>` : null}</tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}`;
}

// A host as POST and PATCH /v1/hosts read it.
export function hostFields(h) {
  return [
    { name: 'name', kind: 'text', label: t('hosts.name'), required: true, maxlength: 100 },
    { name: 'municipality_code', kind: 'municipality', label: t('cases.municipality'), required: true,
      known: h?.municipality_code ? { [h.municipality_code]: h.municipality_name } : undefined },
    { name: 'industry', kind: 'text', label: t('hosts.industry'), maxlength: 100 },
    { name: 'contact_person', kind: 'text', label: t('hosts.contact'), maxlength: 100 },
    { name: 'address', kind: 'text', label: t('hosts.address'), maxlength: 200 },
    { name: 'capacity_per_day', kind: 'number', label: t('hosts.capacity'), min: 1, max: 100, default: '1', inputmode: 'numeric' },
    { name: 'weekdays_open', kind: 'checkboxes', numeric: true, label: t('hosts.open'), default: ['1', '2', '3', '4', '5'],
      options: [1, 2, 3, 4, 5, 6, 7].map((w) => [w, label('weekday', w)]) },
    { name: 'notes', kind: 'textarea', label: t('hosts.notes'), maxlength: 1000, rows: 3 },
  ];
}

export function HostNew() {
  return html`
    <${PageTitle}>${t('hosts.new')}</${PageTitle}>
    <${Form} id="host-new" fields=${hostFields(null)} method="POST" path="/v1/hosts" draft="host-new"
      submitLabel=${t('hosts.create')} intro=${t('hosts.newIntro')}
      onDone=${(h) => navigate(`/app/hosts/${h.id}`, { notice: 'hosts.created' })} />
    <p><${Link} href="/app/hosts">${t('hosts.back')}</${Link}></p>`;
}

function SurveyForm({ host, onDone }) {
  return html`<${StepForm} id="host-survey" title=${t('hosts.recordSurvey')} path=${`/v1/hosts/${host.id}/survey`}
    submitLabel=${t('hosts.saveSurvey')} onDone=${() => { announce(t('hosts.surveySaved')); onDone(t('hosts.surveySaved')); }} fields=${[
      { name: 'surveyed_on', kind: 'date', label: t('hosts.surveyedOn'), required: true, max: todayISO(), default: todayISO() },
      { name: 'result', kind: 'radio', label: t('hosts.result'), required: true, default: 'approved', options: opts('survey', ['approved', 'rejected']) },
      { name: 'notes', kind: 'textarea', label: t('hosts.notes'), maxlength: 1000, rows: 2 },
    ]} />`;
}

// Edit, suspend, reinstate and retire, each where the status allows it.
function HostSteps({ h, onDone }) {
  const [open, setOpen] = useState(null);
  if (h.status === 'retired') return null;
  const steps = ['edit', ...(h.status === 'registered' ? ['suspend'] : []), ...(h.status === 'suspended' ? ['reinstate'] : []), 'retire'];
  const done = (key) => () => { setOpen(null); onDone(t(key)); };
  const reason = [{ name: 'reason', kind: 'textarea', label: t('supporter.reason'), maxlength: 500, rows: 2 }];
  const form = (k) => (k === 'edit'
    ? html`<${Form} key=${h.version} id="host-edit" className="form" headingLevel=${3} title=${t('hosts.step.edit')} fields=${hostFields(h)}
        record=${h} method="PATCH" path=${`/v1/hosts/${h.id}`} version=${h.version} onDone=${done('form.saved')} />`
    : html`<${StepForm} id=${`host-${k}`} title=${t(`hosts.step.${k}`)} path=${`/v1/hosts/${h.id}/${k}`} fields=${reason}
        submitLabel=${t(`hosts.step.${k}`)} confirmText=${k === 'retire' ? t('hosts.retireConfirm', { name: h.name }) : undefined}
        onDone=${done(`hosts.${k}Done`)} />`);
  return html`<p class="actions">${steps.map((k) => html`<button type="button" class=${`btn${k === 'retire' ? ' btn-danger' : ''}`}
      aria-expanded=${open === k} aria-controls=${`host-step-${k}`} onClick=${() => setOpen(open === k ? null : k)}>${t(`hosts.step.${k}`)}</button>`)}</p>
    ${open ? html`<div id=${`host-step-${open}`}>${form(open)}</div>` : null}`;
}

export function HostDetail({ params }) {
  const r = useLoad(() => api('GET', `/v1/hosts/${params.id}`), [params.id]);
  const [msg, setMsg] = useState(() => {
    const n = takeNotice();
    return n ? t(n) : null;
  });
  const stepDone = (text) => {
    setMsg(text);
    announce(text);
    r.reload();
  };
  if (r.loading) return html`<${PageTitle}>${t('hosts.host')}</${PageTitle}><${Loading} />`;
  if (r.error) return html`<${PageTitle}>${t('hosts.host')}</${PageTitle}><${ErrorBox} error=${r.error} retry=${r.reload} />`;
  const h = r.data;
  return html`
    <${PageTitle} sub=${h.industry}>${h.name}</${PageTitle}>
    ${msg ? html`<div class="alert alert-ok" role="status"><p>${msg}</p></div>` : null}
    <section class="card" aria-labelledby="h-info"><h2 id="h-info">${t('hosts.info')}</h2>
      <dl class="facts">
        <dt>${t('hosts.status')}</dt><dd><${Badge} group="hostStatus" code=${h.status} kind=${`hs-${h.status}`} /></dd>
        <dt>${t('cases.municipality')}</dt><dd>${h.prefecture_name || ''} ${h.municipality_name || h.municipality_code}</dd>
        <dt>${t('hosts.capacity')}</dt><dd>${h.capacity_per_day}</dd>
        <dt>${t('hosts.open')}</dt><dd>${(h.weekdays_open || []).map((w) => label('weekday', w)).join('・')}</dd>
        ${h.contact_person ? html`<dt>${t('hosts.contact')}</dt><dd>${h.contact_person}</dd>` : null}
        ${h.address ? html`<dt>${t('hosts.address')}</dt><dd>${h.address}</dd>` : null}
        ${h.notes ? html`<dt>${t('hosts.notes')}</dt><dd>${h.notes}</dd>` : null}
      </dl>
      <${HostSteps} h=${h} onDone=${stepDone} />
    </section>
    <section class="card" aria-labelledby="h-sv"><h2 id="h-sv">${t('hosts.surveys')}</h2>
      ${(h.surveys || []).length ? html`<ul class="list">${h.surveys.map((s) => html`<li class="list-item">${fmtDate(s.surveyed_on)} · ${label('survey', s.result)}${s.notes ? ` · ${s.notes}` : ''}</li>`)}</ul>` : html`<${Empty} />`}
      ${['applied', 'surveyed', 'rejected'].includes(h.status) ? html`<${SurveyForm} host=${h} onDone=${stepDone} />` : null}
    </section>
    <${Calendar} hostId=${h.id} />
    <${DeviceSection} query=${{ host_id: h.id }} />
    <p><${Link} href="/app/hosts">${t('hosts.back')}</${Link}></p>`;
}

// ---- placements ---------------------------------------------------------------

function daysBetween(from, to, weekdays) {
  const out = [];
  if (!from || !to || from > to) return out;
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end && out.length <= 400) {
    const w = ((d.getUTCDay() + 6) % 7) + 1;
    if (weekdays.includes(w)) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

// 「事前面談 予定 令和8年6月18日」 while planned, 「事前面談 令和8年6月16日」
// once held (issue 11: a planned interview does not yet allow attendance).
// A warning of a placement (a public holiday, a day the host is closed) in
// the page's language, its date with the year.
function warningText(w) {
  return w.kind === 'public_holiday' ? t('placements.warn.public_holiday', { date: fmtDate(w.date), name: w.name || '' })
    : w.kind === 'host_closed' ? t('placements.warn.host_closed', { date: fmtDate(w.date) })
      : `${fmtDate(w.date)} ${label('warning', w.kind)}`;
}

// Where a refusal goes: the API field it names, or for a rule's 409 the
// control it is about (issue 14: the days' refusals name the dates).
const REFUSAL_FIELD = {
  participant_double_booked: 'days', placement_cap_exceeded: 'days', host_capacity_exceeded: 'days',
  host_not_registered: 'host_id', consent_missing: 'case_id', invalid_transition: 'case_id',
};
const FORM_FIELDS = ['case_id', 'host_id', 'days', 'hours_per_day', 'pre_interview.held_on', 'pre_interview.attendees'];
const FIELD_ID = { 'pre_interview.held_on': 'held_on', 'pre_interview.attendees': 'attendees', days: 'p-from' };
const FIELD_LABEL = {
  case_id: 'placements.case', host_id: 'placements.host', days: 'placements.period', hours_per_day: 'placements.hours',
  'pre_interview.held_on': 'placements.heldOn', 'pre_interview.attendees': 'placements.attendees',
};

function refusalErrors(err) {
  const fe = {};
  const add = (k, m) => { fe[k] = fe[k] ? `${fe[k]} ${m}` : m; };
  for (const x of err.errors || []) {
    const f = x.field || '';
    const k = /^days\b/.test(f) ? 'days' : FORM_FIELDS.find((n) => f === n || f.startsWith(`${n}[`) || f.startsWith(`${n}.`));
    add(k || '', x.message || t('form.invalid'));
  }
  const at = REFUSAL_FIELD[err.code];
  if (!(err.errors || []).length && at) add(at, problemText(err));
  return fe;
}

function PlacementForm({ onDone }) {
  const refs = useLoad(async () => {
    const [c, h] = await Promise.all([api('GET', '/v1/cases?limit=200'), api('GET', '/v1/hosts?status=registered&limit=200')]);
    // Only cases whose consent covers placements (就労体験) are offered.
    return { cases: (c.cases || []).filter((x) => x.status !== 'closed' && (x.consent?.scope || []).includes('placement')), hosts: h.hosts || [] };
  }, []);
  const [weekdays, setWeekdays] = useState([1, 2, 3, 4, 5]);
  const [range, setRange] = useState({ from: todayISO(), to: todayISO() });
  const [errors, setErrors] = useState({});
  const [msg, setMsg] = useState(null);
  const [pending, setPending] = useState(null); // the check's answer, waiting for confirmation
  const [busy, setBusy] = useState(false);
  const focus = useRef(null); // what to focus after the next render
  const formRef = useRef(null);
  const days = daysBetween(range.from, range.to, weekdays);
  useEffect(() => {
    if (!focus.current || !formRef.current) return;
    const el = formRef.current.querySelector(focus.current);
    focus.current = null;
    if (el) el.focus();
  });
  const edit = (fn) => (e) => { fn(e); setPending(null); };

  const refused = (err) => {
    if (err instanceof ApiError && err.status === 401) return;
    const fe = refusalErrors(err);
    const general = fe[''];
    delete fe[''];
    setErrors(fe);
    const n = Object.keys(fe).length;
    setMsg(n ? { kind: 'error', text: t('form.summary', { n }), extra: general } : { kind: 'error', text: general || problemText(err) });
    focus.current = '[data-testid=placement-summary]';
  };
  const save = async (body) => {
    setBusy(true);
    try {
      const p = await api('POST', '/v1/placements', { body });
      setPending(null);
      setErrors({});
      const text = t('placements.created', { kind: label('placementKind', p.kind), n: p.days_count, left: p.participant_days_remaining });
      setMsg({ kind: 'ok', text: `${text} ${t('placements.periodIs', { period: fmtPeriod(p.first_day, p.last_day) })}`,
        warnings: (p.warnings || []).map(warningText) });
      announce(text);
      focus.current = '[data-testid=placement-summary]';
      onDone();
    } catch (err) {
      setPending(null);
      refused(err);
    } finally {
      setBusy(false);
    }
  };
  // The server checks first (POST /v1/placements/check): refusals come back
  // as they would from the create, warnings before anything is saved.
  const submit = async (e) => {
    e.preventDefault();
    if (busy) return;
    const f = e.currentTarget;
    const attendees = [...f.querySelectorAll('[name="pre_interview.attendees"]:checked')].map((x) => x.value);
    const body = {
      case_id: Number(f.case_id.value), host_id: Number(f.host_id.value), days, hours_per_day: Number(f.hours_per_day.value),
      pre_interview: { held_on: f['pre_interview.held_on'].value, attendees },
    };
    setMsg(null);
    setBusy(true);
    let check;
    try {
      check = await api('POST', '/v1/placements/check', { body });
    } catch (err) {
      setBusy(false);
      refused(err);
      return;
    }
    setBusy(false);
    setErrors({});
    if ((check.warnings || []).length) {
      setPending({ body, check });
      focus.current = '[data-testid=placement-confirm]';
      return;
    }
    await save(body);
  };
  const cancel = () => {
    setPending(null);
    focus.current = 'button[type=submit]';
  };
  const inv = (k) => (errors[k] ? { 'aria-invalid': 'true' } : {});
  const desc = (...ids) => ids.filter(Boolean).join(' ') || undefined;
  if (refs.loading) return html`<${Loading} />`;
  if (refs.error) return html`<${ErrorBox} error=${refs.error} />`;
  const c = pending?.check;
  return html`<form class="card form" ref=${formRef} onSubmit=${submit} aria-labelledby="pf-h" aria-busy=${busy ? 'true' : 'false'} novalidate data-testid="placement-form">
    <h2 id="pf-h">${t('placements.new')}</h2>
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'} tabindex="-1" data-testid="placement-summary">
      <p>${msg.text}</p>
      ${msg.kind === 'error' && Object.keys(errors).length ? html`<ul>${Object.entries(errors).map(([k, m]) => html`<li>
        <a href=${`#${FIELD_ID[k] || k}`} onClick=${(ev) => { ev.preventDefault(); document.getElementById(FIELD_ID[k] || k)?.focus(); }}>${t(FIELD_LABEL[k])}</a>: ${m}</li>`)}</ul>` : null}
      ${msg.extra ? html`<p>${msg.extra}</p>` : null}
      ${(msg.warnings || []).length ? html`<p>${t('placements.warnings')}:</p><ul>${msg.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : null}
    </div>` : null}
    <div class="row2">
      <${Field} id="case_id" label=${t('placements.case')} error=${errors.case_id}>
        <select id="case_id" name="case_id" required ...${inv('case_id')} aria-describedby=${desc('case_id-hint', errors.case_id && 'case_id-error')} onChange=${edit(() => {})}>${refs.data.cases.map((x) => html`<option value=${x.id}>${x.code} ${x.nickname}</option>`)}</select>
        <p class="hint" id="case_id-hint">${t('placements.noConsent')}</p></${Field}>
      <${Field} id="host_id" label=${t('placements.host')} error=${errors.host_id}>
        <select id="host_id" name="host_id" required ...${inv('host_id')} aria-describedby=${desc(errors.host_id && 'host_id-error')} onChange=${edit(() => {})}>${refs.data.hosts.map((h) => html`<option value=${h.id}>${h.name}</option>`)}</select></${Field}>
    </div>
    <fieldset class=${`field${errors.days ? ' field-error' : ''}`} aria-describedby=${desc('days-count', errors.days && 'days-error')}>
      <legend>${t('placements.period')}</legend>
      <div class="row2">
        <div class="field"><label for="p-from">${t('placements.from')}</label><input id="p-from" type="date" value=${range.from} ...${inv('days')}
          aria-describedby=${desc('days-count', errors.days && 'days-error')} onInput=${edit((e) => setRange({ ...range, from: e.currentTarget.value }))} /></div>
        <div class="field"><label for="p-to">${t('placements.to')}</label><input id="p-to" type="date" value=${range.to} ...${inv('days')}
          aria-describedby=${desc('days-count', errors.days && 'days-error')} onInput=${edit((e) => setRange({ ...range, to: e.currentTarget.value }))} /></div>
      </div>
      <fieldset class="field"><legend>${t('placements.weekdays')}</legend><div class="choices">
        ${[1, 2, 3, 4, 5, 6, 7].map((w) => html`<label class="choice"><input type="checkbox" checked=${weekdays.includes(w)}
          onChange=${edit((e) => setWeekdays(e.currentTarget.checked ? [...weekdays, w] : weekdays.filter((x) => x !== w)))} /> ${label('weekday', w)}</label>`)}
      </div></fieldset>
      <p class="muted" id="days-count" role="status">${t('placements.dayCount', { n: days.length })}${days.length ? (lang === 'ja' ? `（${fmtPeriod(days[0], days[days.length - 1])}）` : ` (${fmtPeriod(days[0], days[days.length - 1])})`) : ''}</p>
      ${errors.days ? html`<p class="error-text" id="days-error" data-testid="days-error">${errors.days}</p>` : null}
    </fieldset>
    <${Field} id="hours_per_day" label=${t('placements.hours')} error=${errors.hours_per_day}><input id="hours_per_day" name="hours_per_day" type="number" min="1" max="8" value="4" required
      ...${inv('hours_per_day')} aria-describedby=${desc(errors.hours_per_day && 'hours_per_day-error')} onInput=${edit(() => {})} /></${Field}>
    <fieldset class="field"><legend>${t('placements.preInterview')}</legend>
      <${Field} id="held_on" label=${t('placements.heldOn')} error=${errors['pre_interview.held_on']}><input id="held_on" name="pre_interview.held_on" type="date" value=${todayISO()} required
        ...${inv('pre_interview.held_on')} aria-describedby=${desc(errors['pre_interview.held_on'] && 'held_on-error')} onInput=${edit(() => {})} /></${Field}>
      <div class="choices" id="attendees" tabindex="-1">${['participant', 'family', 'host', 'coordinator'].map((a) => html`<label class="choice">
        <input type="checkbox" name="pre_interview.attendees" value=${a} checked=${a !== 'family'} ...${inv('pre_interview.attendees')}
          aria-describedby=${desc(errors['pre_interview.attendees'] && 'attendees-error')} onChange=${edit(() => {})} /> ${label('attendee', a)}</label>`)}</div>
      ${errors['pre_interview.attendees'] ? html`<p class="error-text" id="attendees-error">${errors['pre_interview.attendees']}</p>` : null}
    </fieldset>
    ${c ? html`<div class="alert alert-warn confirm-step" role="alertdialog" aria-modal="false" aria-labelledby="pf-confirm-h" aria-describedby="pf-confirm-list"
        tabindex="-1" data-testid="placement-confirm">
      <h3 id="pf-confirm-h">${t('placements.confirmTitle')}</h3>
      <ul id="pf-confirm-list">${c.warnings.map((w) => html`<li>${warningText(w)}</li>`)}</ul>
      <p>${t('placements.confirmSummary', { kind: label('placementKind', c.kind), period: fmtPeriod(c.first_day, c.last_day), n: c.days_count, left: c.participant_days_remaining })}</p>
      <p class="actions"><button type="button" class="btn btn-primary" disabled=${busy} onClick=${() => save(pending.body)}>${t('placements.confirmSave')}</button>
        <button type="button" class="btn" onClick=${cancel}>${t('placements.confirmBack')}</button></p>
    </div>` : null}
    <p class="actions"><button type="submit" class="btn btn-primary" disabled=${!days.length || busy || !!c}>${busy ? t('form.busy') : t('placements.create')}</button></p>
  </form>`;
}

export function Placements() {
  const [month, setMonth] = useState(query('month') || thisMonth());
  const r = useLoad(() => api('GET', `/v1/placements${qs({ month, limit: 200 })}`), [month]);
  const [showForm, setShowForm] = useState(false);
  const list = r.data?.placements || [];
  return html`
    <${PageTitle}>${t('placements.title')}</${PageTitle}>
    <${MonthPicker} month=${month} onChange=${(m) => { setMonth(m); setQuery({ month: m }); }} />
    <p class="actions"><button type="button" class="btn" aria-expanded=${showForm} onClick=${() => setShowForm(!showForm)}>${t('placements.new')}</button></p>
    ${showForm ? html`<${PlacementForm} onDone=${r.reload} />` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
      <div class="table-wrap"><table data-testid="placements">
        <thead><tr><th scope="col">${t('hosts.participant')}</th><th scope="col">${t('placements.host')}</th><th scope="col">${t('placements.kind')}</th>
          <th scope="col">${t('placements.period')}</th><th scope="col" class="num">${t('placements.days')}</th><th scope="col" class="num">${t('placements.attended')}</th>
          <th scope="col">${t('placements.preInterview')}</th></tr></thead>
        <tbody>${list.map((p) => html`<tr><td>${p.case_id ? html`<${Link} href=${`/app/cases/${p.case_id}`}>${p.participant?.nickname}</${Link}>` : p.participant?.nickname}</td>
          <td><${Link} href=${`/app/hosts/${p.host_id}`}>${p.host_name}</${Link}></td><td>${label('placementKind', p.kind)}</td>
          <td>${fmtPeriod(p.first_day, p.last_day)}</td><td class="num">${p.days_count}</td><td class="num">${p.days_attended}</td>
          <td>${preInterviewText(p)}</td></tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}`;
}

// ---- the host's own page ------------------------------------------------------
