// Coordinator pages: the supporter registry (search, filters, badges, detail
// with training history and registration) and training courses with their
// sessions and attendance.
import {
  html, useState, t, label, api, qs, PageTitle, Loading, ErrorBox, Empty, Badge, Field, Link, useLoad,
  fmtDate, todayISO, announce, errorText, fieldErrors, query, setQuery,
} from './core.js';
import { useOrgFilter, OrgSelect } from './orgs.js';

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
  const listQuery = (cursor) => qs({
    status: filters.status, qualification: filters.qualification, municipality_code: filters.municipality_code,
    organisation_id: org.org, limit: 200, cursor,
  });
  const r = useLoad(async () => {
    const x = await api('GET', `/v1/supporters${listQuery()}`);
    setPages([x]);
    return x;
  }, [filters.status, filters.qualification, filters.municipality_code, org.org]);

  const all = pages.flatMap((p) => p.supporters || []);
  const seen = { ...munis };
  let grew = false;
  for (const s of all) if (!seen[s.municipality_code]) { seen[s.municipality_code] = s.municipality_name || s.municipality_code; grew = true; }
  if (grew) setMunis(seen);
  const needle = filters.q.trim().toLowerCase();
  const shown = needle ? all.filter((s) => [s.name, s.name_kana, s.code, s.municipality_name, ...(s.interests || [])]
    .some((v) => v && String(v).toLowerCase().includes(needle))) : all;
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

function TrainingForm({ id, onDone }) {
  const [errors, setErrors] = useState({});
  const [msg, setMsg] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    try {
      await api('POST', `/v1/supporters/${id}/trainings`, { body: { kind: f.kind.value, completed_on: f.completed_on.value } });
      setErrors({});
      setMsg(null);
      announce(t('supporter.trainingAdded'));
      onDone();
    } catch (err) {
      setErrors(fieldErrors(err));
      setMsg(errorText(err));
    }
  };
  return html`<form class="form inline-form" onSubmit=${submit} aria-label=${t('supporter.addTraining')}>
    <${Field} id="t-kind" label=${t('supporter.trainingKind')}>
      <select id="t-kind" name="kind">${['initial', 'follow_up'].map((k) => html`<option value=${k}>${label('training', k)}</option>`)}</select>
    </${Field}>
    <${Field} id="t-date" label=${t('supporter.completedOn')} error=${errors.completed_on}>
      <input id="t-date" name="completed_on" type="date" max=${todayISO()} required />
    </${Field}>
    <button class="btn" type="submit">${t('supporter.addTraining')}</button>
    ${msg ? html`<p class="error-text" role="alert">${msg}</p>` : null}
  </form>`;
}

export function SupporterDetail({ params }) {
  const r = useLoad(() => api('GET', `/v1/supporters/${params.id}`), [params.id]);
  const [msg, setMsg] = useState(null);
  const act = async (verb) => {
    try {
      await api('POST', `/v1/supporters/${params.id}/${verb}`, { body: verb === 'register' ? {} : { reason: 'coordinator' } });
      setMsg({ kind: 'ok', text: t(`supporter.${verb}Done`) });
      r.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
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
      <p class="actions">
        ${s.status === 'applicant' ? html`<button type="button" class="btn btn-primary" onClick=${() => act('register')}>${t('supporter.register')}</button>` : null}
      </p>
    </section>
    <section class="card" aria-labelledby="prof">
      <h2 id="prof">${t('supporter.profile')}</h2>
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
    <p><${Link} href="/app/supporters">${t('supporters.back')}</${Link}></p>`;
}

// ---- training courses -------------------------------------------------------

export function Courses() {
  const r = useLoad(() => api('GET', '/v1/training-courses?limit=200'), []);
  const list = r.data?.courses || r.data?.training_courses || r.data?.items || [];
  return html`
    <${PageTitle}>${t('training.title')}</${PageTitle}>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('training.course')}</th><th scope="col">${t('training.kind')}</th><th scope="col">${t('training.dates')}</th>
          <th scope="col" class="num">${t('training.sessions')}</th><th scope="col" class="num">${t('training.enrolled')}</th></tr></thead>
        <tbody>${list.map((c) => html`<tr><td><${Link} href=${`/app/training/${c.id}`}>${c.title}</${Link}></td>
          <td>${label('training', c.kind)}</td><td>${fmtDate(c.first_held_on)}${c.last_held_on && c.last_held_on !== c.first_held_on ? ` – ${fmtDate(c.last_held_on)}` : ''}</td>
          <td class="num">${c.session_count}</td><td class="num">${c.enrolled} / ${c.capacity}</td></tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}`;
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
    <section class="card" aria-labelledby="ses"><h2 id="ses">${t('training.sessions')}</h2>
      <ol class="list">${sessions.map((s) => html`<li class="list-item">${fmtDate(s.held_on)} ${s.title || ''}</li>`)}</ol>
      <p class="muted">${t('training.seats', { n: c.enrolled, cap: c.capacity })}</p>
    </section>
    <section class="card" aria-labelledby="att"><h2 id="att">${t('training.attendance')}</h2>
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
