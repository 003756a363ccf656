// Consultation records (相談記録; SPEC 2.7, 3.3; issue 16): the intake desk's
// quick form, the recent contacts and a consultee's page.
//
// - One short form (forms.js): date (today, Asia/Tokyo), method, contactor,
//   first contact yes/no, the contactor's age band (first contacts only),
//   the person — a case (searched by code or nickname), a consultee already
//   recorded (GET /v1/consultees?q=) or a new one (first contacts only) —
//   and minutes.  Every control is a native radio, select or input, so the
//   keyboard alone fills it: Tab between groups, arrows inside a group,
//   Enter submits, Escape clears.
// - After a save: a confirmation with a link to the person, and a fresh form
//   that keeps the date and the method (a desk records several in a row),
//   focus back on the date.
// - The person radio is named `consultee`: the API reports "which person"
//   problems on that member, so they land next to the choice.
import {
  html, useState, useEffect, useRef, t, label, api, qs, PageTitle, Loading, ErrorBox, Empty, Link, useLoad, fmtDate,
  todayISO, announce, fieldErrors, ApiError, query, setQuery, num,
} from './core.js';
import { Form, opts } from './forms.js';

const METHODS = ['phone', 'email', 'online', 'office_visit', 'home_visit', 'accompany', 'letter', 'other'];
const CONTACTORS = ['self', 'parent', 'sibling', 'other_family', 'agency', 'other'];
const CONTACTOR_AGES = ['10s', '20s', '30s', '40s', '50s', '60s', '70s', '80s+', 'unknown'];
const AGES = ['10s', '20s', '30s', '40s', '50s', '60s', '70s+', 'unknown'];
const GENDERS = ['female', 'male', 'other', 'unknown'];
const FORM_ID = 'contact-new';
const PAGE = 50;

// Folded as the server folds a search (service/validate.c
// ts_text_search_fold): NFKC, case, hiragana as katakana, no spaces.
export function fold(s) {
  return String(s || '').normalize('NFKC').toLowerCase().replace(/\s+/g, '')
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

// The organisation's cases, read once a page life (a few pages of 200):
// GET /v1/cases has no text search, so the case picker filters these.
let casesPromise = null;
function loadCases() {
  if (!casesPromise) {
    casesPromise = (async () => {
      const out = [];
      let cursor;
      for (let i = 0; i < 10; i++) {
        const x = await api('GET', `/v1/cases${qs({ limit: 200, cursor })}`);
        out.push(...(x.cases || []));
        cursor = x.next_cursor;
        if (!cursor) break;
      }
      return out;
    })();
    casesPromise.catch(() => { casesPromise = null; });
  }
  return casesPromise;
}

const caseLabel = (c) => `${c.code} ${c.nickname || ''}${c.status === 'closed' ? `（${label('caseStatus', 'closed')}）` : ''}`;

export function consulteeLabel(c) {
  return [c.nickname || t('contacts.noNickname'), `#${c.id}`, label('age', c.age_band),
    label('contacts.gender', c.gender)].join('・');
}

async function searchCases(text) {
  const q = fold(text);
  const all = await loadCases();
  return all.filter((c) => fold(c.code).includes(q) || fold(c.nickname).includes(q)).slice(0, 20)
    .map((c) => [c.id, caseLabel(c)]);
}

async function searchConsultees(text) {
  const x = await api('GET', `/v1/consultees${qs({ q: text, limit: 20 })}`);
  return (x.consultees || []).map((c) => [c.id, consulteeLabel(c)]);
}

function contactFields() {
  const first = (v) => v.first_contact === 'true';
  return [
    { name: 'date', kind: 'date', label: t('contacts.date'), required: true, max: todayISO() },
    { name: 'method', kind: 'radio', label: t('contacts.method'), required: true, options: opts('contacts.method', METHODS) },
    { name: 'contactor', kind: 'radio', label: t('contacts.contactor'), required: true,
      options: opts('contacts.contactor', CONTACTORS) },
    { name: 'first_contact', kind: 'radio', label: t('contacts.firstContact'), required: true,
      options: [['true', t('contacts.first')], ['false', t('contacts.continuing')]] },
    { name: 'contactor_age_band', kind: 'select', label: t('contacts.contactorAge'), when: first,
      options: opts('contacts.contactorAge', CONTACTOR_AGES), empty: t('contacts.notRecorded') },
    { name: 'consultee', kind: 'radio', label: t('contacts.person'), required: true, send: false,
      options: [['case', t('contacts.personCase')], ['known', t('contacts.personKnown')], ['new', t('contacts.personNew')]],
      hint: t('contacts.personHint') },
    { name: 'case_id', kind: 'pick', numeric: true, label: t('contacts.case'), searchLabel: t('contacts.caseSearch'),
      required: true, when: (v) => v.consultee === 'case', search: searchCases,
      first: async () => (await loadCases()).filter((c) => c.status !== 'closed').slice(0, 20).map((c) => [c.id, caseLabel(c)]),
      known: (id) => t('contacts.caseN', { id }) },
    { name: 'consultee_id', kind: 'pick', numeric: true, label: t('contacts.consultee'),
      searchLabel: t('contacts.consulteeSearch'), required: true, when: (v) => v.consultee === 'known',
      search: searchConsultees, known: (id) => t('contacts.consulteeN', { id }) },
    { name: 'consultee.nickname', kind: 'text', label: t('contacts.nickname'), maxlength: 50,
      hint: t('contacts.nicknameHint'), when: (v) => v.consultee === 'new' && first(v) },
    { name: 'consultee.age_band', kind: 'select', label: t('contacts.ageBand'), required: true,
      options: opts('age', AGES), when: (v) => v.consultee === 'new' && first(v) },
    { name: 'consultee.gender', kind: 'radio', label: t('contacts.gender'), required: true,
      options: opts('contacts.gender', GENDERS), when: (v) => v.consultee === 'new' && first(v) },
    { name: 'minutes', kind: 'number', label: t('contacts.minutes'), min: 1, max: 720, inputmode: 'numeric',
      hint: t('contacts.minutesHint') },
  ];
}

// The form's starting point: the kept date and method, or today; a
// consultee given in the URL (?consultee_id=, from its page) as a
// continuing contact of that person.
function startValues(kept) {
  const start = { date: kept.date || todayISO(), method: kept.method || '' };
  const cid = query('consultee_id');
  if (cid && /^\d+$/.test(cid) && !kept.used) Object.assign(start, { consultee: 'known', consultee_id: cid, first_contact: 'false' });
  return start;
}

function forgetDraft() {
  try { sessionStorage.removeItem(`ts.draft.form.${FORM_ID}`); } catch { /* memory only */ }
}

function focusFirst() {
  document.getElementById(`${FORM_ID}-date`)?.focus();
}

function personOf(c) {
  if (c.case_id) return html`<${Link} href=${`/app/cases/${c.case_id}`}>${t('contacts.caseN', { id: c.case_id })}</${Link}>`;
  if (c.consultee_id) {
    return html`<${Link} href=${`/app/consultees/${c.consultee_id}`}>${t('contacts.consulteeN', { id: c.consultee_id })}</${Link}>`;
  }
  return '—';
}

export function Contacts() {
  // The date and method of the last saved contact, kept for the next one.
  const [kept, setKept] = useState({});
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState(null);
  const [listTick, setListTick] = useState(0);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    focusFirst();
  }, [formKey]);

  const fresh = (next) => {
    forgetDraft();
    setKept(next);
    setFormKey((k) => k + 1);
    refocus.current = true;
  };
  const onDone = (r, values) => {
    const text = t('contacts.saved', {
      date: fmtDate(r.date), method: label('contacts.method', r.method),
      kind: r.first_contact ? t('contacts.first') : t('contacts.continuing'),
    });
    setSaved({ text, contact: r, created: values.consultee === 'new' });
    announce(text);
    fresh({ date: values.date, method: values.method, used: true });
    setListTick((x) => x + 1);
  };
  const onKeyDown = (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      setSaved(null);
      fresh({ ...kept, used: true });
      announce(t('contacts.cleared'));
    } else if (e.key === 'Enter' && (e.target instanceof HTMLSelectElement
      || (e.target instanceof HTMLInputElement && ['radio', 'checkbox'].includes(e.target.type)))) {
      // Radios and selects have no implicit submission: Enter submits here too.
      e.preventDefault();
      e.target.form?.requestSubmit();
    }
  };
  return html`
    <${PageTitle}>${t('contacts.title')}</${PageTitle}>
    ${saved ? html`<div class="alert alert-ok" role="status" data-testid="contact-saved" data-contact=${saved.contact.id}>
      <p><strong>✓ ${saved.text}</strong></p>
      <p>${personOf(saved.contact)}${saved.created ? ` ${t('contacts.createdConsultee')}` : ''}</p>
    </div>` : null}
    <div onKeyDown=${onKeyDown} onSubmit=${() => setSaved(null)} data-testid="contact-form-wrap">
      <${Form} key=${formKey} id=${FORM_ID} title=${t('contacts.new')} intro=${t('contacts.intro')} fields=${contactFields()}
        record=${startValues(kept)} method="POST" path="/v1/contacts" draft=${FORM_ID} submitLabel=${t('contacts.submit')}
        transform=${(body) => ({ ...body, first_contact: body.first_contact === 'true' })} onDone=${onDone} />
    </div>
    <${ContactList} tick=${listTick} />`;
}

// The contacts of the caller's organisation between two dates (the last
// week by default), oldest first as the API pages them.
function ContactList({ tick }) {
  const today = todayISO();
  const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86400000).toISOString().slice(0, 10);
  const [from, setFrom] = useState(query('from') || weekAgo);
  const [to, setTo] = useState(query('to') || today);
  const [pages, setPages] = useState([null]);
  const cursor = pages[pages.length - 1];
  const r = useLoad(() => api('GET', `/v1/contacts${qs({ from, to, cursor, limit: PAGE })}`), [from, to, cursor, tick]);
  const errs = r.error instanceof ApiError ? fieldErrors(r.error) : {};
  const setDay = (name, value) => {
    if (name === 'from') setFrom(value); else setTo(value);
    setPages([null]);
    setQuery({ from: name === 'from' ? value : from, to: name === 'to' ? value : to });
  };
  const list = r.data?.contacts || [];
  const first = (pages.length - 1) * PAGE;
  const dayField = (name, text) => html`<div class=${`field${errs[name] ? ' field-error' : ''}`}>
    <label for=${`cl-${name}`}>${text}</label>
    <input id=${`cl-${name}`} name=${name} type="date" value=${name === 'from' ? from : to} max=${today}
      aria-invalid=${errs[name] ? 'true' : undefined} aria-describedby=${errs[name] ? `cl-${name}-error` : undefined}
      onChange=${(e) => setDay(name, e.currentTarget.value)} />
    ${errs[name] ? html`<p class="error-text" id=${`cl-${name}-error`}>${errs[name]}</p>` : null}</div>`;
  return html`<section class="card" aria-labelledby="cl-h">
    <h2 id="cl-h">${t('contacts.recent')}</h2>
    <div class="filters">${dayField('from', t('contacts.from'))}${dayField('to', t('contacts.to'))}</div>
    ${r.loading ? html`<${Loading} />` : r.error && !Object.keys(errs).length ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />`
      : r.error ? null : list.length ? html`<${ContactTable} list=${list} first=${first} />` : html`<${Empty}>${t('contacts.none')}</${Empty}>`}
    <p class="actions pager">
      <button type="button" class="btn" disabled=${pages.length < 2} onClick=${() => setPages(pages.slice(0, -1))}>${t('auditLog.prev')}</button>
      <button type="button" class="btn" data-testid="contacts-next" disabled=${!r.data?.next_cursor}
        onClick=${() => setPages([...pages, r.data.next_cursor])}>${t('auditLog.next')}</button></p>
  </section>`;
}

function ContactTable({ list, first, person = true }) {
  return html`<div class="table-wrap"><table data-testid="contacts">
    <caption>${t('contacts.caption', { from: num(first + 1), to: num(first + list.length) })}</caption>
    <thead><tr><th scope="col">${t('contacts.date')}</th><th scope="col">${t('contacts.method')}</th>
      <th scope="col">${t('contacts.contactor')}</th><th scope="col">${t('contacts.kind')}</th>
      <th scope="col" class="num">${t('contacts.minutes')}</th>${person ? html`<th scope="col">${t('contacts.person')}</th>` : null}</tr></thead>
    <tbody>${list.map((c) => html`<tr data-contact=${c.id}>
      <td>${fmtDate(c.date)}</td><td>${label('contacts.method', c.method)}</td>
      <td>${label('contacts.contactor', c.contactor)}${c.contactor_age_band ? `（${label('contacts.contactorAge', c.contactor_age_band)}）` : ''}</td>
      <td><span class=${`badge badge-${c.first_contact ? 'cs-inquiry' : 'cs-active'}`}>${c.first_contact ? t('contacts.first') : t('contacts.continuing')}</span></td>
      <td class="num">${c.minutes ?? '—'}</td>${person ? html`<td>${personOf(c)}</td>` : null}</tr>`)}</tbody>
  </table></div>`;
}

// A consultee: the light record (no name, SPEC 2.7) and all its contacts.
export function ConsulteeDetail({ params }) {
  const r = useLoad(() => api('GET', `/v1/consultees/${params.id}`), [params.id]);
  const [pages, setPages] = useState([null]);
  const cursor = pages[pages.length - 1];
  const list = useLoad(() => api('GET', `/v1/contacts${qs({ consultee_id: params.id, cursor, limit: PAGE })}`), [params.id, cursor]);
  if (r.loading) return html`<${PageTitle}>${t('contacts.consultee')}</${PageTitle}><${Loading} />`;
  if (r.error) return html`<${PageTitle}>${t('contacts.consultee')}</${PageTitle}><${ErrorBox} error=${r.error} retry=${r.reload} />`;
  const c = r.data;
  const items = list.data?.contacts || [];
  return html`
    <${PageTitle} sub=${t('contacts.consulteeN', { id: c.id })}>${c.nickname || t('contacts.noNickname')}</${PageTitle}>
    <p class="actions"><${Link} class="btn btn-primary" href=${`/app/contacts${qs({ consultee_id: c.id })}`}>${t('contacts.recordFor')}</${Link}></p>
    <section class="card" aria-labelledby="ce-h"><h2 id="ce-h">${t('contacts.profile')}</h2>
      <dl class="facts">
        <dt>${t('contacts.ageBand')}</dt><dd>${label('age', c.age_band)}</dd>
        <dt>${t('contacts.gender')}</dt><dd>${label('contacts.gender', c.gender)}</dd>
        <dt>${t('contacts.firstOn')}</dt><dd>${c.first_contact_on ? fmtDate(c.first_contact_on) : '—'}</dd>
        <dt>${t('contacts.lastOn')}</dt><dd>${c.last_contact_on ? fmtDate(c.last_contact_on) : '—'}</dd>
        <dt>${t('contacts.count')}</dt><dd data-testid="consultee-count">${num(c.contacts_count)}</dd>
      </dl>
    </section>
    <section class="card" aria-labelledby="ce-list"><h2 id="ce-list">${t('contacts.history')}</h2>
      ${list.loading ? html`<${Loading} />` : list.error ? html`<${ErrorBox} error=${list.error} retry=${list.reload} />`
        : items.length ? html`<${ContactTable} list=${items} first=${(pages.length - 1) * PAGE} person=${false} />` : html`<${Empty} />`}
      ${pages.length > 1 || list.data?.next_cursor ? html`<p class="actions pager">
        <button type="button" class="btn" disabled=${pages.length < 2} onClick=${() => setPages(pages.slice(0, -1))}>${t('auditLog.prev')}</button>
        <button type="button" class="btn" disabled=${!list.data?.next_cursor}
          onClick=${() => setPages([...pages, list.data.next_cursor])}>${t('auditLog.next')}</button></p>` : null}
    </section>
    <p><${Link} href="/app/contacts">${t('contacts.back')}</${Link}></p>`;
}
