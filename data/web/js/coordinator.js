// Coordinator pages: the supporter registry (search, filters, badges, detail
// with training history and registration) and training courses with their
// sessions and attendance.
import {
  html, useState, useEffect, t, label, api, qs, PageTitle, Loading, ErrorBox, Empty, Badge, Field, Link, useLoad,
  fmtDate, todayISO, announce, errorText, query, setQuery, navigate, takeNotice, downloadCsv, DownloadButton,
} from './core.js';
import { useOrgFilter, OrgSelect } from './orgs.js';
import { Form, StepForm, opts } from './forms.js';
import { DeviceSection } from './devices.js';

// ---- supporters ------------------------------------------------------------

const STATUSES = ['applicant', 'registered', 'suspended', 'retired'];
const QUALS = ['untrained', 'valid', 'due_soon', 'lapsed'];

export function Supporters() {
  const [filters, setFilters] = useState({
    status: query('status') || '', qualification: query('qualification') || '',
    municipality_code: query('municipality_code') || '', q: query('q') || '',
  });
  const [pages, setPages] = useState([]);
  const [munis, setMunis] = useState({});
  const [more, setMore] = useState(false);
  const org = useOrgFilter();
  // The search goes to the server (?q=: name, kana or number, as typed),
  // a moment after the last key.
  const [needle, setNeedle] = useState(filters.q.trim());
  useEffect(() => {
    const timer = setTimeout(() => setNeedle(filters.q.trim()), 300);
    return () => clearTimeout(timer);
  }, [filters.q]);
  const listQuery = (cursor, q = needle) => qs({
    status: filters.status, qualification: filters.qualification, municipality_code: filters.municipality_code,
    organisation_id: org.org, q: q || undefined, limit: 200, cursor,
  });
  const r = useLoad(async () => {
    const x = await api('GET', `/v1/supporters${listQuery()}`);
    setPages([x]);
    return x;
  }, [filters.status, filters.qualification, filters.municipality_code, org.org, needle]);
  const [csvBusy, setCsvBusy] = useState(false);
  const [csvError, setCsvError] = useState(null);
  // Every supporter the filters select (the search as it stands in its
  // box, not as last sent), a page of 200 at a time.
  const csv = async () => {
    setCsvBusy(true);
    setCsvError(null);
    try {
      const rows = [];
      let cursor = null;
      do {
        const x = await api('GET', `/v1/supporters${listQuery(cursor, filters.q.trim())}`);
        for (const s of x.supporters || []) {
          rows.push([s.code || '', s.name, s.name_kana || '', s.municipality_name || s.municipality_code, label('supporterStatus', s.status),
            label('qualification', s.qualification?.status), s.qualification?.last_training_on || '', s.qualification?.follow_up_due_on || '',
            s.insurance_until || '', s.max_cases, ...(org.admin ? [org.orgs.nameOf(s.organisation_id)] : [])]);
        }
        cursor = x.next_cursor;
      } while (cursor);
      downloadCsv(`${t('supporters.csvName')}_${todayISO()}.csv`, [t('supporters.code'), t('supporters.name'), t('supporter.nameKana'),
        t('supporters.municipality'), t('supporters.status'), t('supporters.qualification'), t('home.lastTraining'), t('supporters.due'),
        t('supporter.insuranceUntil'), t('supporter.maxCases'), ...(org.admin ? [t('orgs.organisation')] : [])], rows);
      announce(t('supporters.csvDone', { n: rows.length }));
    } catch (e) {
      setCsvError(errorText(e));
    } finally { setCsvBusy(false); }
  };

  const all = pages.flatMap((p) => p.supporters || []);
  const seen = { ...munis };
  let grew = false;
  for (const s of all) if (!seen[s.municipality_code]) { seen[s.municipality_code] = s.municipality_name || s.municipality_code; grew = true; }
  if (grew) setMunis(seen);
  const shown = all;
  const next = pages.length ? pages[pages.length - 1].next_cursor : null;

  const setF = (name) => (e) => {
    const f = { ...filters, [name]: e.currentTarget.value };
    setFilters(f);
    setQuery(f);
  };
  const loadMore = async () => {
    setMore(true);
    try {
      const x = await api('GET', `/v1/supporters${listQuery(next)}`);
      setPages([...pages, x]);
    } finally { setMore(false); }
  };

  return html`
    <${PageTitle}>${t('supporters.title')}</${PageTitle}>
    <p class="actions"><${Link} class="btn btn-primary" href="/app/supporters/new">${t('supporters.new')}</${Link}>
      <button type="button" class="btn" onClick=${csv} disabled=${csvBusy}>${csvBusy ? t('supporters.csvBusy') : t('supporters.csv')}</button>
      ${csvError ? html`<span class="error-text" role="alert">${csvError}</span>` : null}</p>
    <form class="card filters" role="search" onSubmit=${(e) => e.preventDefault()} aria-label=${t('supporters.filters')}>
      <${OrgSelect} filter=${org} />
      <${Field} id="f-q" label=${t('supporters.search')}>
        <input id="f-q" type="search" value=${filters.q} onInput=${setF('q')} placeholder=${t('supporters.searchHint')} />
      </${Field}>
      <${Field} id="f-status" label=${t('supporters.status')}>
        <select id="f-status" value=${filters.status} onChange=${setF('status')}>
          <option value="">${t('common.all')}</option>
          ${STATUSES.map((s) => html`<option value=${s}>${label('supporterStatus', s)}</option>`)}
        </select>
      </${Field}>
      <${Field} id="f-qual" label=${t('supporters.qualification')}>
        <select id="f-qual" value=${filters.qualification} onChange=${setF('qualification')}>
          <option value="">${t('common.all')}</option>
          ${QUALS.map((s) => html`<option value=${s}>${label('qualification', s)}</option>`)}
        </select>
      </${Field}>
      <${Field} id="f-muni" label=${t('supporters.municipality')}>
        <select id="f-muni" value=${filters.municipality_code} onChange=${setF('municipality_code')}>
          <option value="">${t('common.all')}</option>
          ${Object.entries(munis).sort((a, b) => a[0].localeCompare(b[0])).map(([c, n]) => html`<option value=${c}>${n}</option>`)}
        </select>
      </${Field}>
    </form>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : html`
      <p class="muted" role="status">${t('supporters.count', { n: shown.length })}</p>
      ${shown.length ? html`<div class="table-wrap"><table data-testid="supporters">
        <thead><tr><th scope="col">${t('supporters.name')}</th><th scope="col">${t('supporters.code')}</th>
          <th scope="col">${t('supporters.municipality')}</th><th scope="col">${t('supporters.status')}</th>
          <th scope="col">${t('supporters.qualification')}</th><th scope="col">${t('supporters.due')}</th>
          ${org.admin ? html`<th scope="col">${t('orgs.organisation')}</th>` : null}</tr></thead>
        <tbody>${shown.map((s) => html`<tr>
          <td><${Link} href=${`/app/supporters/${s.id}`}>${s.name}</${Link}></td><td>${s.code || '—'}</td>
          <td>${s.municipality_name || s.municipality_code}</td>
          <td><${Badge} group="supporterStatus" code=${s.status} kind=${`st-${s.status}`} /></td>
          <td><${Badge} group="qualification" code=${s.qualification?.status} /></td>
          <td>${fmtDate(s.qualification?.follow_up_due_on)}</td>
          ${org.admin ? html`<td class="org">${org.orgs.nameOf(s.organisation_id)}</td>` : null}</tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}
      ${next ? html`<p><button type="button" class="btn" onClick=${loadMore} disabled=${more}>${t('common.more')}</button></p>` : null}`}`;
}

const SKILLS = ['home_visit', 'accompany', 'phone', 'space', 'family_support', 'online'];

// The supporter's profile as the API reads it (POST and PATCH
// /v1/supporters): every control is named after its member.
export function supporterFields(s) {
  return [
    { name: 'name', kind: 'text', label: t('supporters.name'), required: true, maxlength: 100, autocomplete: 'off' },
    { name: 'name_kana', kind: 'text', label: t('supporter.nameKana'), hint: t('supporter.nameKanaHint'), maxlength: 100 },
    { name: 'gender', kind: 'select', label: t('supporter.gender'), required: true, options: opts('gender', ['female', 'male', 'other', 'unspecified']) },
    { name: 'birth_year', kind: 'number', label: t('supporter.birthYear'), min: 1900, max: new Date().getFullYear(), inputmode: 'numeric' },
    { name: 'municipality_code', kind: 'municipality', label: t('supporters.municipality'), required: true,
      known: s?.municipality_code ? { [s.municipality_code]: s.municipality_name } : undefined },
    { name: 'occupation', kind: 'text', label: t('supporter.occupation'), maxlength: 100 },
    { name: 'peer_experience', kind: 'radio', label: t('supporter.peer'), required: true, options: opts('peer', ['none', 'self', 'family']) },
    { name: 'skills', kind: 'checkboxes', label: t('supporter.skills'), options: opts('need', SKILLS) },
    { name: 'interests', kind: 'tags', label: t('supporter.interests'), hint: t('form.tagsHint') },
    { name: 'max_cases', kind: 'number', label: t('supporter.maxCases'), min: 0, max: 20, default: '2', inputmode: 'numeric' },
    { name: 'insurance_until', kind: 'date', label: t('supporter.insuranceUntil'), hint: t('supporter.insuranceHint') },
    { name: 'availability', kind: 'availability', label: t('supporter.availability'), hint: t('form.availabilityHint') },
  ];
}

export function SupporterNew() {
  return html`
    <${PageTitle}>${t('supporters.new')}</${PageTitle}>
    <${Form} id="supporter-new" fields=${supporterFields(null)} method="POST" path="/v1/supporters" draft="supporter-new"
      submitLabel=${t('supporters.create')} intro=${t('supporters.newIntro')}
      onDone=${(s) => navigate(`/app/supporters/${s.id}`, { notice: 'supporters.created' })} />
    <p><${Link} href="/app/supporters">${t('supporters.back')}</${Link}></p>`;
}

function TrainingForm({ id, onDone }) {
  return html`<${Form} id="training" className="form" headingLevel=${3} title=${t('supporter.addTraining')} method="POST"
    path=${`/v1/supporters/${id}/trainings`} submitLabel=${t('supporter.addTraining')}
    fields=${[
      { name: 'kind', kind: 'select', label: t('supporter.trainingKind'), required: true, default: 'initial', options: opts('training', ['initial', 'follow_up']) },
      { name: 'completed_on', kind: 'date', label: t('supporter.completedOn'), required: true, max: todayISO() },
    ]}
    onDone=${() => { announce(t('supporter.trainingAdded')); onDone(); }} />`;
}

// Register (also reinstates a suspended supporter), suspend and retire,
// each with its reason; only the steps the status allows are offered.
function SupporterSteps({ s, onDone }) {
  const [open, setOpen] = useState(null);
  const steps = {
    applicant: ['register', 'retire'], registered: ['suspend', 'retire'], suspended: ['register', 'retire'], retired: [],
  }[s.status] || [];
  if (!steps.length) return null;
  const fields = (verb) => (verb === 'register'
    ? [{ name: 'registered_on', kind: 'date', label: t('supporter.registeredOn'), max: todayISO(), hint: t('supporter.registeredOnHint') },
      { name: 'reason', kind: 'textarea', label: t('supporter.reason'), maxlength: 500, rows: 2 }]
    : [{ name: 'reason', kind: 'textarea', label: t('supporter.reason'), required: true, maxlength: 500, rows: 2 }]);
  const name = (verb) => (verb === 'register' && s.status === 'suspended' ? 'reinstate' : verb);
  return html`<div class="steps">
    <p class="actions">${steps.map((verb) => html`<button type="button" class=${`btn${verb === 'retire' ? ' btn-danger' : ''}`}
      aria-expanded=${open === verb} aria-controls=${`step-${verb}`} onClick=${() => setOpen(open === verb ? null : verb)}>${t(`supporter.step.${name(verb)}`)}</button>`)}</p>
    ${open ? html`<div id=${`step-${open}`}><${StepForm} id=${`step-${open}-form`} title=${t(`supporter.step.${name(open)}`)} fields=${fields(open)}
      path=${`/v1/supporters/${s.id}/${open}`} submitLabel=${t(`supporter.step.${name(open)}`)}
      confirmText=${open === 'retire' ? t('supporter.retireConfirm', { name: s.name }) : undefined}
      onDone=${() => { setOpen(null); onDone(t(`supporter.${name(open)}Done`)); }} /></div>` : null}
  </div>`;
}

export function SupporterDetail({ params }) {
  const r = useLoad(() => api('GET', `/v1/supporters/${params.id}`), [params.id]);
  const [msg, setMsg] = useState(() => {
    const n = takeNotice();
    return n ? { kind: 'ok', text: t(n) } : null;
  });
  const [editing, setEditing] = useState(false);
  const stepDone = (text) => {
    setMsg({ kind: 'ok', text });
    announce(text);
    r.reload();
  };
  if (r.loading) return html`<${PageTitle}>${t('supporter.title')}</${PageTitle}><${Loading} />`;
  if (r.error) return html`<${PageTitle}>${t('supporter.title')}</${PageTitle}><${ErrorBox} error=${r.error} retry=${r.reload} />`;
  const s = r.data;
  const q = s.qualification || {};
  return html`
    <${PageTitle} sub=${s.name_kana}>${s.name}</${PageTitle}>
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role="status"><p>${msg.text}</p></div>` : null}
    <section class="card" aria-labelledby="reg">
      <h2 id="reg">${t('supporter.registration')}</h2>
      <dl class="facts">
        <dt>${t('supporters.status')}</dt><dd><${Badge} group="supporterStatus" code=${s.status} kind=${`st-${s.status}`} /></dd>
        <dt>${t('supporters.code')}</dt><dd>${s.code || '—'}</dd>
        <dt>${t('supporters.qualification')}</dt><dd><${Badge} group="qualification" code=${q.status} /></dd>
        <dt>${t('home.followUpDue')}</dt><dd>${fmtDate(q.follow_up_due_on)}</dd>
        <dt>${t('home.insurance')}</dt><dd>${s.insurance_until ? fmtDate(s.insurance_until) : t('home.noInsurance')}</dd>
        <dt>${t('supporters.municipality')}</dt><dd>${s.prefecture_name || ''} ${s.municipality_name || s.municipality_code}</dd>
        <dt>${t('supporter.maxCases')}</dt><dd>${s.max_cases}</dd>
      </dl>
      ${s.code ? html`<p class="actions"><${DownloadButton} path=${`/v1/supporters/${s.id}/card`}
        filename=${`supporter-card-${s.code}.pdf`} text=${t('documents.card')} testid="card-pdf" /></p>` : null}
      <${SupporterSteps} key=${s.version} s=${s} onDone=${stepDone} />
      ${(s.status_history || []).length ? html`<details><summary>${t('supporter.history')}</summary><ul class="list">
        ${s.status_history.map((x) => html`<li class="list-item">${fmtDate(x.on)} · ${label('supporterStatus', x.from)} → ${label('supporterStatus', x.to)}${x.reason ? ` · ${x.reason}` : ''}</li>`)}</ul></details>` : null}
    </section>
    <section class="card" aria-labelledby="prof">
      <h2 id="prof">${t('supporter.profile')}</h2>
      <p class="actions"><button type="button" class="btn" aria-expanded=${editing} aria-controls="supporter-edit"
        onClick=${() => setEditing(!editing)}>${t('supporter.edit')}</button></p>
      ${editing ? html`<${Form} key=${s.version} id="supporter-edit" className="form" title=${t('supporter.edit')} headingLevel=${3}
        fields=${supporterFields(s)} record=${s} method="PATCH" path=${`/v1/supporters/${s.id}`} version=${s.version}
        onDone=${() => { setEditing(false); stepDone(t('form.saved')); }} />` : null}
      <dl class="facts">
        <dt>${t('supporter.gender')}</dt><dd>${label('gender', s.gender)}</dd>
        <dt>${t('supporter.occupation')}</dt><dd>${s.occupation || '—'}</dd>
        <dt>${t('supporter.peer')}</dt><dd>${label('peer', s.peer_experience)}</dd>
        <dt>${t('supporter.skills')}</dt><dd>${(s.skills || []).map((k) => html`<span class="chip">${label('need', k)}</span>`)}</dd>
        <dt>${t('supporter.interests')}</dt><dd>${(s.interests || []).join('、') || '—'}</dd>
        <dt>${t('supporter.availability')}</dt><dd>${(s.availability || []).map((a) => html`<span class="chip">${label('weekday', a.weekday)} ${a.from}–${a.to}</span>`)}</dd>
      </dl>
    </section>
    <section class="card" aria-labelledby="hist">
      <h2 id="hist">${t('supporter.trainingHistory')}</h2>
      ${(s.trainings || []).length ? html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('supporter.completedOn')}</th><th scope="col">${t('supporter.trainingKind')}</th><th scope="col">${t('supporter.source')}</th></tr></thead>
        <tbody>${s.trainings.map((x) => html`<tr><td>${fmtDate(x.completed_on)}</td><td>${label('training', x.kind)}</td>
          <td>${x.course_id ? html`<${Link} href=${`/app/training/${x.course_id}`}>${t('supporter.course', { id: x.course_id })}</${Link}>` : label('source', x.source)}</td></tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}
      <${TrainingForm} id=${params.id} onDone=${r.reload} />
    </section>
    <${DeviceSection} query=${{ supporter_id: s.id }} />
    <p><${Link} href="/app/supporters">${t('supporters.back')}</${Link}></p>`;
}

// ---- training courses -------------------------------------------------------

export function Courses() {
  const r = useLoad(() => api('GET', '/v1/training-courses?limit=200'), []);
  const [creating, setCreating] = useState(false);
  const list = r.data?.courses || r.data?.training_courses || r.data?.items || [];
  return html`
    <${PageTitle}>${t('training.title')}</${PageTitle}>
    <p class="actions"><button type="button" class="btn btn-primary" aria-expanded=${creating} aria-controls="course-new"
      onClick=${() => setCreating(!creating)}>${t('training.new')}</button></p>
    ${creating ? html`<${Form} id="course-new" title=${t('training.new')} method="POST" path="/v1/training-courses" draft="course-new"
      submitLabel=${t('training.create')} record=${{ kind: 'initial', sessions: [{ held_on: '', title: '' }] }}
      onDone=${(c) => navigate(`/app/training/${c.id}`, { notice: 'training.created' })} fields=${[
        { name: 'kind', kind: 'select', label: t('training.kind'), required: true, options: opts('training', ['initial', 'follow_up']) },
        { name: 'title', kind: 'text', label: t('training.course'), required: true, maxlength: 200 },
        { name: 'capacity', kind: 'number', label: t('training.capacity'), required: true, min: 1, max: 10000, inputmode: 'numeric' },
        { name: 'sessions', kind: 'rows', label: t('training.sessions'), required: true, hint: t('training.sessionsHint'),
          addLabel: t('training.addSessionRow'), columns: [
            { key: 'held_on', kind: 'date', label: t('training.heldOn') },
            { key: 'title', kind: 'text', label: t('training.sessionTitle'), maxlength: 200 }] },
      ]} />` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('training.course')}</th><th scope="col">${t('training.kind')}</th><th scope="col">${t('training.dates')}</th>
          <th scope="col" class="num">${t('training.sessions')}</th><th scope="col" class="num">${t('training.enrolled')}</th></tr></thead>
        <tbody>${list.map((c) => html`<tr><td><${Link} href=${`/app/training/${c.id}`}>${c.title}</${Link}></td>
          <td>${label('training', c.kind)}</td><td>${fmtDate(c.first_held_on)}${c.last_held_on && c.last_held_on !== c.first_held_on ? ` – ${fmtDate(c.last_held_on)}` : ''}</td>
          <td class="num">${c.session_count}</td><td class="num">${c.enrolled} / ${c.capacity}</td></tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}`;
}

// Enrolment of a supporter (POST …/enrolments {supporter_id}), found by
// search among those who have not retired.
function EnrolForm({ course, onDone }) {
  return html`<${Form} key=${course.enrolled} id="enrol" className="form inline-form" headingLevel=${3} method="POST"
    path=${`/v1/training-courses/${course.id}/enrolments`} submitLabel=${t('training.enrol')}
    onDone=${() => onDone(t('training.enrolDone'))} fields=${[
      { name: 'supporter_id', kind: 'supporter', numeric: true, label: t('training.enrolWho'), required: true,
        filter: (s) => s.status !== 'retired' },
    ]} />`;
}

export function CourseDetail({ params }) {
  const course = useLoad(() => api('GET', `/v1/training-courses/${params.id}`), [params.id]);
  const enrol = useLoad(async () => {
    const e = await api('GET', `/v1/training-courses/${params.id}/enrolments`);
    const names = {};
    await Promise.all((e.enrolments || []).map(async (x) => {
      try { names[x.supporter_id] = (await api('GET', `/v1/supporters/${x.supporter_id}`)).name; } catch { /* id only */ }
    }));
    return { list: e.enrolments || [], names };
  }, [params.id]);
  const [msg, setMsg] = useState(null);
  const [notice, setNotice] = useState(() => {
    const n = takeNotice();
    return n ? t(n) : null;
  });
  const mark = async (sessionId, supporterId, attended) => {
    try {
      await api('POST', `/v1/training-courses/${params.id}/sessions/${sessionId}/attendance`, { body: { supporter_id: supporterId, attended } });
      announce(t('training.saved'));
      enrol.reload();
    } catch (e) {
      setMsg(errorText(e));
    }
  };
  if (course.loading) return html`<${PageTitle}>${t('training.title')}</${PageTitle}><${Loading} />`;
  if (course.error) return html`<${PageTitle}>${t('training.title')}</${PageTitle}><${ErrorBox} error=${course.error} />`;
  const c = course.data;
  const sessions = c.sessions || [];
  return html`
    <${PageTitle} sub=${label('training', c.kind)}>${c.title}</${PageTitle}>
    ${msg ? html`<div class="alert alert-error" role="alert"><p>${msg}</p></div>` : null}
    ${notice ? html`<div class="alert alert-ok" role="status"><p>${notice}</p></div>` : null}
    <section class="card" aria-labelledby="ses"><h2 id="ses">${t('training.sessions')}</h2>
      <ol class="list">${sessions.map((s) => html`<li class="list-item">${fmtDate(s.held_on)} ${s.title || ''}</li>`)}</ol>
      <p class="muted">${t('training.seats', { n: c.enrolled, cap: c.capacity })}</p>
      ${sessions.length < 20 ? html`<${Form} key=${sessions.length} id="session-new" className="form step-form" headingLevel=${3}
        title=${t('training.addSession')} method="POST" path=${`/v1/training-courses/${c.id}/sessions`} submitLabel=${t('training.addSession')}
        onDone=${() => { const text = t('training.sessionAdded'); setNotice(text); announce(text); course.reload(); enrol.reload(); }} fields=${[
          { name: 'held_on', kind: 'date', label: t('training.heldOn'), required: true, min: c.last_held_on || undefined },
          { name: 'title', kind: 'text', label: t('training.sessionTitle'), maxlength: 200 },
        ]} />` : null}
    </section>
    <section class="card" aria-labelledby="att"><h2 id="att">${t('training.attendance')}</h2>
      <${EnrolForm} course=${c} onDone=${(text) => { setNotice(text); announce(text); course.reload(); enrol.reload(); }} />
      ${enrol.loading ? html`<${Loading} />` : enrol.error ? html`<${ErrorBox} error=${enrol.error} />` : enrol.data.list.length ? html`
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('supporters.name')}</th>
          ${sessions.map((s) => html`<th scope="col">${t('training.sessionN', { n: s.position })}<br /><span class="muted">${fmtDate(s.held_on)}</span></th>`)}
          <th scope="col">${t('training.completed')}</th></tr></thead>
        <tbody>${enrol.data.list.map((e) => html`<tr>
          <th scope="row"><${Link} href=${`/app/supporters/${e.supporter_id}`}>${enrol.data.names[e.supporter_id] || `#${e.supporter_id}`}</${Link}></th>
          ${sessions.map((s) => {
            const a = (e.sessions || []).find((x) => x.session_id === s.id);
            const id = `att-${e.supporter_id}-${s.id}`;
            return html`<td><input type="checkbox" id=${id} checked=${a?.attended === true}
              aria-label=${t('training.attendedLabel', { name: enrol.data.names[e.supporter_id] || e.supporter_id, n: s.position })}
              onChange=${(ev) => mark(s.id, e.supporter_id, ev.currentTarget.checked)} /></td>`;
          })}
          <td>${e.completed ? html`<${Badge} code="valid" group="yesno" kind="valid" />` : t('training.inProgress', { n: e.attended_sessions, m: sessions.length })}</td>
        </tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}
    </section>
    <p><${Link} href="/app/training">${t('training.back')}</${Link}></p>`;
}
