// The form component of the staff pages (issue 14): one description of the
// fields, one way to send them and one way to show what the server refused.
//
//   <${Form} id="sup-new" fields=${[{ name: 'name', kind: 'text', label: …, required: true }, …]}
//            method="POST" path="/v1/supporters" onDone=${(record) => …} />
//
// - Every control's `name` is the API member's name; nested members use the
//   path the server reports errors with (`consent.obtained_on`,
//   `preferences.availability[0].from`), so a 422 `errors[]` entry finds its
//   control by name.  An error whose path is deeper than any control lands
//   on the nearest enclosing one (`skills[2]` on `skills`); one that matches
//   none is shown in the summary at the top, by its (translated) message
//   only — never a raw field name or code.
// - The values are the form's own state: a refusal changes nothing typed.
//   A form with `draft` also keeps them in sessionStorage (`ts.draft.form.*`)
//   until it is saved, so a sign-in in between loses nothing either.
// - PATCH sends only the top-level members that changed (a changed
//   `consent.scope` sends the whole `consent`, which the API replaces as a
//   whole), an emptied optional member as null, and `If-Match: "v<version>"`.
// - Uses core.js's REST client (`api`), so Accept-Language follows the page.
import { html, useState, useEffect, useRef, t, label, api, qs, announce, ApiError, errorText } from './core.js';
import { useOrganisations } from './orgs.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

// Rows of small records (`availability`, a course's `sessions`): the
// columns of a `rows` field, or the weekly times of an `availability` one.
const AVAILABILITY = [
  { key: 'weekday', kind: 'select', numeric: true, labelKey: 'form.time.weekday' },
  { key: 'from', kind: 'time', labelKey: 'form.time.from' },
  { key: 'to', kind: 'time', labelKey: 'form.time.to' },
];
const isRows = (f) => f.kind === 'availability' || f.kind === 'rows';
const columnsOf = (f) => (f.kind === 'availability' ? AVAILABILITY : f.columns);
const colLabel = (c) => c.label || t(c.labelKey);

// ---- values <-> API bodies ------------------------------------------------------

function getPath(obj, path) {
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[part];
  }
  return cur;
}

function setPath(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]] = value;
}

function splitTags(s) {
  return String(s || '').split(/[、,，]/).map((x) => x.trim()).filter(Boolean);
}

function emptyValue(f) {
  if (f.kind === 'checkboxes') return [];
  if (f.kind === 'bool') return false;
  if (isRows(f)) return [];
  return '';
}

// The form's values for a record (an edit form's starting point); members
// the record lacks start empty, or at the field's `default`.
export function valuesFrom(record, fields) {
  const out = {};
  for (const f of fields) {
    const v = record ? getPath(record, f.name) : undefined;
    if (v === undefined || v === null) out[f.name] = f.default !== undefined ? f.default : emptyValue(f);
    else if (f.kind === 'list') out[f.name] = v.join('\n');
    else if (f.kind === 'tags') out[f.name] = v.join('、');
    else if (f.kind === 'checkboxes') out[f.name] = v.map(String);
    else if (isRows(f)) out[f.name] = v.map((a) => Object.fromEntries(columnsOf(f).map((c) => [c.key, a[c.key] === null || a[c.key] === undefined ? '' : String(a[c.key])])));
    else if (f.kind === 'bool') out[f.name] = v === true;
    else out[f.name] = String(v);
  }
  return out;
}

function visible(f, values) {
  return !f.when || f.when(values);
}

function fieldValue(f, v) {
  switch (f.kind) {
    case 'number': {
      if (v === '' || v === undefined) return undefined;
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    }
    case 'checkboxes': return (v || []).map((x) => (f.numeric ? Number(x) : x));
    case 'bool': return v === true;
    case 'list': return String(v || '').split('\n').map((x) => x.trim()).filter(Boolean);
    case 'tags': return splitTags(v);
    case 'availability': case 'rows': {
      const cols = columnsOf(f);
      return (v || []).filter((a) => cols.some((c) => a[c.key] !== '' && a[c.key] !== undefined)).map((a) => {
        const o = {};
        for (const c of cols) {
          const x = a[c.key];
          if (x === '' || x === undefined) { if (c.keepEmpty) o[c.key] = x; continue; }
          o[c.key] = c.numeric ? Number(x) : x;
        }
        return o;
      });
    }
    case 'pick':
    case 'select': case 'radio': case 'supporter':
      if (v === '' || v === undefined) return undefined;
      return f.numeric ? Number(v) : v;
    default: {
      const s = String(v ?? '').trim();
      return s === '' ? undefined : s;
    }
  }
}

// The request body for the values: nested by the fields' paths, empty
// optional members left out.
export function bodyFrom(values, fields) {
  const body = {};
  for (const f of fields) {
    if (f.send === false || !visible(f, values)) continue;
    const v = fieldValue(f, values[f.name]);
    if (v === undefined) continue;
    if (f.omitEmpty && Array.isArray(v) && !v.length) continue;
    setPath(body, f.name, v);
  }
  return body;
}

// A PATCH: the top-level members that differ from the record's, an emptied
// one as null.
function patchFrom(body, before) {
  const out = {};
  for (const k of new Set([...Object.keys(body), ...Object.keys(before)])) {
    const a = JSON.stringify(body[k]);
    if (a === JSON.stringify(before[k])) continue;
    out[k] = body[k] === undefined ? null : body[k];
  }
  return out;
}

function isEmpty(f, v) {
  if (f.kind === 'checkboxes' || isRows(f)) return !v || !v.length;
  if (f.kind === 'bool') return false;
  return v === undefined || v === null || String(v).trim() === '';
}

// ---- errors -------------------------------------------------------------------------

// Where a server error's path goes: the control of that name, or the nearest
// enclosing one (`preferences.availability[0].to` → the row → the list).
function parentPath(p) {
  const m = p.match(/^(.*)(\.[^.[\]]+|\[\d+\])$/);
  return m ? m[1] : null;
}

export function resolveError(path, names) {
  let p = path;
  while (p) {
    if (names.has(p)) return p;
    p = parentPath(p);
  }
  return null;
}

function controlNames(fields, values) {
  const names = new Set();
  for (const f of fields) {
    if (!visible(f, values)) continue;
    names.add(f.name);
    if (isRows(f)) {
      (values[f.name] || []).forEach((_, i) => {
        names.add(`${f.name}[${i}]`);
        for (const c of columnsOf(f)) names.add(`${f.name}[${i}].${c.key}`);
      });
    }
  }
  return names;
}

// The text for a refusal that is not about one field.
export function problemText(e) {
  if (e instanceof ApiError) {
    if (e.status === 412) return t('form.err.stale');
    if (e.status === 404) return t('form.err.notFound');
    if (e.status === 0 || e.code === 'network') return t('error.network');
    const p = e.problem || {};
    if (e.status === 409) return p.detail || p.title || t('form.err.conflict');
    if (p.detail || p.title) return p.detail || p.title;
    return t('error.http', { status: e.status });
  }
  return errorText(e);
}

const safeId = (s) => s.replace(/[^A-Za-z0-9_-]/g, '_');

// ---- the component ------------------------------------------------------------------

function loadDraft(key) {
  if (!key) return null;
  try {
    return JSON.parse(sessionStorage.getItem(`ts.draft.form.${key}`) || 'null');
  } catch {
    return null;
  }
}

function saveDraft(key, values) {
  if (!key) return;
  try {
    if (values) sessionStorage.setItem(`ts.draft.form.${key}`, JSON.stringify(values));
    else sessionStorage.removeItem(`ts.draft.form.${key}`);
  } catch { /* memory only */ }
}

export function Form({
  id, title, intro, fields, record, method = 'POST', path, version, submitLabel, transform, onDone, confirmText,
  draft, className = 'card form', testid, headingLevel = 2, groups,
}) {
  const [values, setValues] = useState(() => ({ ...valuesFrom(record, fields), ...(loadDraft(draft) || {}) }));
  const [errors, setErrors] = useState({});
  const [summary, setSummary] = useState([]);
  const [problem, setProblem] = useState(null);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef(null);
  const formRef = useRef(null);
  const focusFirst = useRef(false);

  useEffect(() => { saveDraft(draft, values); }, [values]);
  useEffect(() => {
    if (!focusFirst.current) return;
    focusFirst.current = false;
    const el = formRef.current?.querySelector('[aria-invalid="true"]');
    if (summaryRef.current) summaryRef.current.focus();
    else if (el) el.focus();
  });

  const set = (name, v) => {
    setValues((old) => ({ ...old, [name]: v }));
    setDone(null);
  };
  const idOf = (name) => `${id}-${safeId(name)}`;
  const labelOf = (name) => {
    const f = fields.find((x) => x.name === name);
    if (f) return f.label;
    const m = name.match(/^(.*)\[(\d+)\](?:\.(\w+))?$/);
    const g = m && fields.find((x) => x.name === m[1]);
    const col = g && m[3] && isRows(g) ? columnsOf(g).find((c) => c.key === m[3]) : null;
    if (g) return `${g.label} ${t('form.row', { n: Number(m[2]) + 1 })}${col ? ` ${colLabel(col)}` : ''}`;
    return '';
  };

  const submit = async (e) => {
    e.preventDefault();
    if (busy) return;
    setProblem(null);
    setDone(null);
    const missing = {};
    for (const f of fields) {
      const req = typeof f.required === 'function' ? f.required(values) : f.required;
      if (req && visible(f, values) && isEmpty(f, values[f.name])) missing[f.name] = t('form.required');
    }
    if (Object.keys(missing).length) {
      setErrors(missing);
      setSummary(Object.entries(missing).map(([k, m]) => ({ name: k, message: m })));
      focusFirst.current = true;
      return;
    }
    let body = bodyFrom(values, fields);
    if (method === 'PATCH') {
      body = patchFrom(body, bodyFrom(valuesFrom(record, fields), fields));
      if (!Object.keys(body).length) {
        setErrors({});
        setSummary([]);
        setDone(t('form.unchanged'));
        return;
      }
    }
    if (transform) body = transform(body, values);
    const ask = typeof confirmText === 'function' ? confirmText(values) : confirmText;
    if (ask && !window.confirm(ask)) return;
    setBusy(true);
    try {
      const headers = version !== undefined && version !== null ? { 'If-Match': `"v${version}"` } : {};
      const r = await api(method, typeof path === 'function' ? path(values) : path, { body, headers });
      setErrors({});
      setSummary([]);
      saveDraft(draft, null);
      const text = t('form.saved');
      setDone(text);
      announce(text);
      setBusy(false);
      if (onDone) onDone(r, values);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 401) return; // the sign-in page; the draft is kept
      const names = controlNames(fields, values);
      const byName = {};
      const list = [];
      for (const x of (err instanceof ApiError ? err.errors : [])) {
        const at = resolveError(x.field || '', names);
        const message = x.message || t('form.invalid');
        if (at) byName[at] = byName[at] ? `${byName[at]} ${message}` : message;
        list.push({ name: at, message });
      }
      setErrors(byName);
      setSummary(list);
      if (!list.length) setProblem({ text: problemText(err), stale: err instanceof ApiError && err.status === 412 });
      focusFirst.current = true;
    }
  };

  const ctx = { id, values, errors, set, idOf };
  const H = `h${headingLevel}`;
  return html`<form class=${className} id=${id} ref=${formRef} onSubmit=${submit} novalidate aria-busy=${busy ? 'true' : 'false'}
      aria-labelledby=${title ? `${id}-h` : undefined} data-testid=${testid || id}>
    ${title ? html`<${H} id=${`${id}-h`}>${title}</${H}>` : null}
    ${intro ? html`<p class="hint">${intro}</p>` : null}
    ${summary.length ? html`<div class="alert alert-error form-summary" role="alert" tabindex="-1" ref=${summaryRef} data-testid="form-summary">
      <p><strong>${t('form.summary', { n: summary.length })}</strong></p>
      <ul>${summary.map((s) => html`<li>${s.name ? html`<a href=${`#${idOf(s.name)}`} onClick=${(ev) => {
        ev.preventDefault();
        document.getElementById(idOf(s.name))?.focus();
      }}>${labelOf(s.name)}</a>: ` : null}${s.message}</li>`)}</ul></div>` : null}
    ${fields.map((f, i) => {
      if (!visible(f, values)) return null;
      if (!f.group) return html`<${Control} f=${f} ctx=${ctx} />`;
      if (fields.findIndex((x) => x.group === f.group) !== i) return null;
      // A group of optional fields, folded while empty and without errors.
      const members = fields.filter((x) => x.group === f.group && visible(x, values));
      const open = members.some((x) => errors[x.name] || !isEmpty(x, values[x.name]));
      return html`<details class="field-group" open=${open}><summary>${groups?.[f.group] || f.group}</summary>
        ${members.map((x) => html`<${Control} f=${x} ctx=${ctx} />`)}</details>`;
    })}
    ${problem ? html`<div class="alert alert-error" role="alert" data-testid="form-problem"><p>${problem.text}</p>
      ${problem.stale ? html`<p>${t('form.staleHint')}</p>` : null}</div>` : null}
    ${done ? html`<p class="form-done" role="status">${done}</p>` : null}
    <p class="actions"><button type="submit" class="btn btn-primary" disabled=${busy}>${busy ? t('form.busy') : submitLabel || t('form.save')}</button></p>
  </form>`;
}

function Req({ f, values }) {
  const req = typeof f.required === 'function' ? f.required(values) : f.required;
  return req ? html` <span class="req">${t('form.requiredMark')}</span>` : null;
}

function describedBy(id, f, error) {
  const ids = [];
  if (f.hint) ids.push(`${id}-hint`);
  if (error) ids.push(`${id}-error`);
  return ids.length ? ids.join(' ') : undefined;
}

function Hint({ id, f }) {
  return f.hint ? html`<p class="hint" id=${`${id}-hint`}>${f.hint}</p>` : null;
}

function ErrorLine({ id, error }) {
  return error ? html`<p class="error-text" id=${`${id}-error`}>${error}</p>` : null;
}

function Control({ f, ctx }) {
  const { values, errors, set, idOf } = ctx;
  const id = idOf(f.name);
  const error = errors[f.name];
  const v = values[f.name];
  const common = {
    id, name: f.name, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy(id, f, error),
    'aria-required': (typeof f.required === 'function' ? f.required(values) : f.required) ? 'true' : undefined,
  };
  const onText = (e) => set(f.name, e.currentTarget.value);
  const cls = `field${error ? ' field-error' : ''}`;

  if (f.kind === 'checkboxes' || f.kind === 'radio') {
    const multi = f.kind === 'checkboxes';
    const cur = multi ? (v || []) : v;
    return html`<fieldset class=${cls} id=${id} tabindex="-1" aria-describedby=${describedBy(id, f, error)}>
      <legend>${f.label}<${Req} f=${f} values=${values} /></legend>
      <div class="choices">${f.options.map(([val, text]) => {
        const sval = String(val);
        const on = multi ? cur.includes(sval) : cur === sval;
        return html`<label class=${`choice${on ? ' on' : ''}`}><input type=${multi ? 'checkbox' : 'radio'} name=${f.name} value=${sval}
          checked=${on} aria-invalid=${error ? 'true' : undefined}
          onChange=${(e) => set(f.name, multi ? (e.currentTarget.checked ? [...cur, sval] : cur.filter((x) => x !== sval)) : sval)} /> ${text}</label>`;
      })}</div>
      <${Hint} id=${id} f=${f} /><${ErrorLine} id=${id} error=${error} />
    </fieldset>`;
  }
  if (f.kind === 'bool') {
    return html`<div class=${cls}><label class="choice" for=${id}><input type="checkbox" ...${common} checked=${v === true}
      onChange=${(e) => set(f.name, e.currentTarget.checked)} /> ${f.label}</label>
      <${Hint} id=${id} f=${f} /><${ErrorLine} id=${id} error=${error} /></div>`;
  }
  if (isRows(f)) return html`<${Rows} f=${f} ctx=${ctx} />`;

  let control;
  if (f.kind === 'select') {
    control = html`<select ...${common} value=${v} onChange=${onText}>
      ${f.required && v !== '' ? null : html`<option value="">${f.empty || t('form.choose')}</option>`}
      ${f.options.map(([val, text]) => html`<option value=${String(val)}>${text}</option>`)}
    </select>`;
  } else if (f.kind === 'textarea' || f.kind === 'list') {
    control = html`<textarea ...${common} rows=${f.rows || (f.kind === 'list' ? 4 : 3)} maxlength=${f.maxlength} value=${v} onInput=${onText}></textarea>`;
  } else if (f.kind === 'municipality') {
    return html`<${Municipality} f=${f} ctx=${ctx} common=${common} />`;
  } else if (f.kind === 'supporter') {
    return html`<${SupporterPick} f=${f} ctx=${ctx} common=${common} />`;
  } else if (f.kind === 'pick') {
    return html`<${SearchPick} f=${f} ctx=${ctx} common=${common} />`;
  } else {
    const type = { number: 'number', date: 'date', email: 'email', password: 'password' }[f.kind] || 'text';
    control = html`<input ...${common} type=${type} value=${v} onInput=${onText} min=${f.min} max=${f.max} step=${f.step}
      maxlength=${f.maxlength} inputmode=${f.inputmode} autocomplete=${f.autocomplete || (type === 'password' ? 'new-password' : 'off')}
      placeholder=${f.placeholder} />`;
  }
  return html`<div class=${cls}>
    <label for=${id}>${f.label}<${Req} f=${f} values=${values} /></label>
    ${control}
    <${Hint} id=${id} f=${f} /><${ErrorLine} id=${id} error=${error} />
  </div>`;
}

// The places of the installation's prefectures, from GET /v1/municipalities,
// loaded once a page life per prefecture (reference data, cached a day by
// the browser too).
const placeCache = new Map();
function loadPlaces(prefecture) {
  if (!placeCache.has(prefecture)) {
    const p = api('GET', `/v1/municipalities?prefecture_code=${encodeURIComponent(prefecture)}`)
      .then((x) => x.municipalities || []);
    p.catch(() => placeCache.delete(prefecture));
    placeCache.set(prefecture, p);
  }
  return placeCache.get(prefecture);
}

function usePlaces(prefectures) {
  const [places, setPlaces] = useState([]);
  const key = prefectures.join();
  useEffect(() => {
    let live = true;
    Promise.all(prefectures.map(loadPlaces)).then((lists) => { if (live) setPlaces(lists.flat()); }, () => {});
    return () => { live = false; };
  }, [key]);
  return places;
}

// A municipality code (six digits), offered by name from the places of the
// prefectures this installation's organisations are in, with the name shown
// beside the code.  `prefectures: true` offers the prefectures' own codes
// too (an organisation of kind prefecture).
function Municipality({ f, ctx, common }) {
  const { values, errors, set } = ctx;
  const orgs = useOrganisations();
  const prefectures = [...new Set(orgs.list.map((o) => (o.municipality_code || '').slice(0, 2)).filter(Boolean))].sort();
  const places = usePlaces(prefectures);
  const known = { ...(f.known || {}) };
  for (const o of orgs.list) if (o.municipality_code && o.kind !== 'prefecture') known[o.municipality_code] = o.municipality_name || o.name;
  for (const p of places) {
    if (f.prefectures || p.kind !== 'prefecture') known[p.code] = p.kind === 'prefecture' ? p.name : `${p.prefecture}${p.name}`;
  }
  const v = values[f.name] || '';
  const error = errors[f.name];
  const id = common.id;
  const name = known[v.trim()];
  return html`<div class=${`field${error ? ' field-error' : ''}`}>
    <label for=${id}>${f.label}<${Req} f=${f} values=${values} /></label>
    <input ...${common} type="text" inputmode="numeric" maxlength="6" autocomplete="off" list=${`${id}-list`} value=${v}
      aria-describedby=${[`${id}-hint`, `${id}-name`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
      onInput=${(e) => set(f.name, e.currentTarget.value)} />
    <datalist id=${`${id}-list`}>${Object.entries(known).sort().map(([c, n]) => html`<option value=${c}>${n}</option>`)}</datalist>
    <p class="hint" id=${`${id}-hint`}>${f.hint || t('form.municipalityHint')}</p>
    <p class="muted" id=${`${id}-name`} aria-live="polite">${name ? t('form.municipalityName', { name }) : ''}</p>
    <${ErrorLine} id=${id} error=${error} />
  </div>`;
}

// A supporter chosen by search: a search box (name, kana or number, as
// GET /v1/supporters?q= folds them) and the matches, 20 at most, in a select
// named after the member.  The list is never paged through whole; before a
// search it offers the first 20, or `f.initial` ([[id, label]]) when given.
// `f.filter` (a supporter → bool) leaves some out (the retired).
export function supporterLabel(s) {
  return `${s.name}（${[s.code || t('form.noCode'), s.municipality_name].filter(Boolean).join('・')}）`;
}

function SupporterPick({ f, ctx, common }) {
  const { values, errors, set } = ctx;
  const [q, setQ] = useState('');
  const [found, setFound] = useState(null);
  const [first, setFirst] = useState(f.initial || []);
  const [busy, setBusy] = useState(false);
  const keep = (list) => list.filter((s) => !f.filter || f.filter(s)).map((s) => [s.id, supporterLabel(s)]);
  // Before any search: the first 20, a starting point for a small roster.
  useEffect(() => {
    if (f.initial) return undefined;
    let live = true;
    api('GET', `/v1/supporters${qs({ limit: 20 })}`).then((x) => { if (live) setFirst(keep(x.supporters || [])); }, () => {});
    return () => { live = false; };
  }, []);
  useEffect(() => {
    const text = q.trim();
    if (!text) { setFound(null); return undefined; }
    let live = true;
    const timer = setTimeout(async () => {
      setBusy(true);
      try {
        const x = await api('GET', `/v1/supporters${qs({ q: text, limit: 20 })}`);
        if (live) setFound(keep(x.supporters || []));
      } catch {
        if (live) setFound([]);
      } finally { if (live) setBusy(false); }
    }, 250);
    return () => { live = false; clearTimeout(timer); };
  }, [q]);
  const v = values[f.name] === undefined || values[f.name] === null ? '' : String(values[f.name]);
  const error = errors[f.name];
  const id = common.id;
  const options = [...(found || first)];
  // The chosen one stays offered while another search runs.
  if (v && !options.some(([val]) => String(val) === v)) {
    const known = first.find(([val]) => String(val) === v);
    options.unshift(known || [v, t('form.supporterN', { id: v })]);
  }
  const status = busy ? t('form.searching') : found ? t('form.foundN', { n: found.length }) : '';
  return html`<div class=${`field${error ? ' field-error' : ''}`}>
    <label for=${`${id}-q`}>${t('form.supporterSearch')}</label>
    <input id=${`${id}-q`} type="search" value=${q} autocomplete="off" aria-describedby=${`${id}-found`}
      onInput=${(e) => setQ(e.currentTarget.value)} />
    <p class="muted" id=${`${id}-found`} aria-live="polite">${status}</p>
    <label for=${id}>${f.label}<${Req} f=${f} values=${values} /></label>
    <select ...${common} value=${v} onChange=${(e) => set(f.name, e.currentTarget.value)}>
      <option value="">${options.length ? t('form.choose') : t('form.searchFirst')}</option>
      ${options.map(([val, text]) => html`<option value=${String(val)}>${text}</option>`)}
    </select>
    <${Hint} id=${id} f=${f} /><${ErrorLine} id=${id} error=${error} />
  </div>`;
}

// A record chosen by search (a case, a consultee; issue 16), as the
// supporter kind: a search box and the matches in a select named after the
// member.  `f.search(text)` answers [[id, label], …] (20 at most);
// `f.first()` (optional) what to offer before a search; `f.known(id)` the
// label of a chosen id that no search has shown (e.g. given in the URL).
// Enter in the search box searches at once, chooses the first match when
// nothing is chosen yet and moves to the select (it does not submit).
function SearchPick({ f, ctx, common }) {
  const { values, errors, set } = ctx;
  const [q, setQ] = useState('');
  const [found, setFound] = useState(null);
  const [first, setFirst] = useState([]);
  const [busy, setBusy] = useState(false);
  const selectRef = useRef(null);
  const v = values[f.name] === undefined || values[f.name] === null ? '' : String(values[f.name]);
  useEffect(() => {
    if (!f.first) return undefined;
    let live = true;
    f.first().then((x) => { if (live) setFirst(x); }, () => {});
    return () => { live = false; };
  }, []);
  const run = async (text, live = () => true) => {
    setBusy(true);
    try {
      const x = await f.search(text);
      if (live()) setFound(x);
      return x;
    } catch {
      if (live()) setFound([]);
      return [];
    } finally { if (live()) setBusy(false); }
  };
  useEffect(() => {
    const text = q.trim();
    if (!text) { setFound(null); return undefined; }
    let live = true;
    const timer = setTimeout(() => run(text, () => live), 250);
    return () => { live = false; clearTimeout(timer); };
  }, [q]);
  const onKey = async (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const text = q.trim();
    const list = text ? await run(text) : (found || first);
    if (!v && list.length) set(f.name, String(list[0][0]));
    selectRef.current?.focus();
  };
  const error = errors[f.name];
  const id = common.id;
  const options = [...(found || first)];
  if (v && !options.some(([val]) => String(val) === v)) {
    const known = first.find(([val]) => String(val) === v);
    options.unshift(known || [v, f.known ? f.known(v) : v]);
  }
  const status = busy ? t('form.searching') : found ? t('form.foundN', { n: found.length }) : '';
  return html`<div class=${`field${error ? ' field-error' : ''}`}>
    <label for=${`${id}-q`}>${f.searchLabel}</label>
    <input id=${`${id}-q`} type="search" value=${q} autocomplete="off" aria-describedby=${`${id}-found`}
      onInput=${(e) => setQ(e.currentTarget.value)} onKeyDown=${onKey} />
    <p class="muted" id=${`${id}-found`} aria-live="polite">${status}</p>
    <label for=${id}>${f.label}<${Req} f=${f} values=${values} /></label>
    <select ...${common} ref=${selectRef} value=${v} onChange=${(e) => set(f.name, e.currentTarget.value)}>
      <option value="">${options.length ? t('form.choose') : t('form.searchFirst')}</option>
      ${options.map(([val, text]) => html`<option value=${String(val)}>${text}</option>`)}
    </select>
    <${Hint} id=${id} f=${f} /><${ErrorLine} id=${id} error=${error} />
  </div>`;
}

// Rows of small records (weekly times; a course's sessions), added and
// removed; each cell is named `field[i].key` as the API reports it.
function Rows({ f, ctx }) {
  const { values, errors, set, idOf } = ctx;
  const rows = values[f.name] || [];
  const cols = columnsOf(f);
  const id = idOf(f.name);
  const error = errors[f.name];
  const setRow = (i, k, val) => set(f.name, rows.map((r, j) => (j === i ? { ...r, [k]: val } : r)));
  const blank = () => Object.fromEntries(cols.map((c) => [c.key, '']));
  return html`<fieldset class=${`field${error ? ' field-error' : ''}`} id=${id} tabindex="-1" aria-describedby=${error ? `${id}-error` : undefined}>
    <legend>${f.label}<${Req} f=${f} values=${values} /></legend>
    ${f.hint ? html`<p class="hint">${f.hint}</p>` : null}
    ${rows.map((r, i) => {
      const rn = `${f.name}[${i}]`;
      const rowErr = errors[rn];
      return html`<div class="avail-row" role="group" id=${idOf(rn)} tabindex="-1" aria-label=${t('form.row', { n: i + 1 })}>
        ${cols.map((c) => {
          const n = `${rn}.${c.key}`;
          const cid = idOf(n);
          const err = errors[n];
          const attrs = { id: cid, name: n, 'aria-invalid': err || rowErr ? 'true' : undefined,
            'aria-describedby': [err ? `${cid}-error` : null, rowErr ? `${idOf(rn)}-error` : null].filter(Boolean).join(' ') || undefined };
          const onIn = (e) => setRow(i, c.key, e.currentTarget.value);
          let control;
          if (c.key === 'weekday' && f.kind === 'availability') {
            control = html`<select ...${attrs} value=${r.weekday} onChange=${onIn}>
              <option value="">${t('form.choose')}</option>
              ${WEEKDAYS.map((w) => html`<option value=${String(w)}>${label('weekday', w)}</option>`)}</select>`;
          } else if (c.kind === 'select') {
            control = html`<select ...${attrs} value=${r[c.key]} onChange=${onIn}>
              <option value="">${t('form.choose')}</option>${c.options.map(([val, text]) => html`<option value=${String(val)}>${text}</option>`)}</select>`;
          } else {
            control = html`<input ...${attrs} type=${c.kind || 'text'} value=${r[c.key]} maxlength=${c.maxlength} onInput=${onIn} />`;
          }
          return html`<div class="field"><label for=${cid}>${colLabel(c)}</label>${control}<${ErrorLine} id=${cid} error=${err} /></div>`;
        })}
        <button type="button" class="btn btn-quiet" onClick=${() => set(f.name, rows.filter((_, j) => j !== i))}
          aria-label=${t('form.removeRow', { n: i + 1 })}>${t('form.remove')}</button>
        <${ErrorLine} id=${idOf(rn)} error=${rowErr} />
      </div>`;
    })}
    <p><button type="button" class="btn" onClick=${() => set(f.name, [...rows, blank()])}>${f.addLabel || t('form.addRow')}</button></p>
    <${ErrorLine} id=${id} error=${error} />
  </fieldset>`;
}

// Options for a select or checkbox group from a label group of the
// messages: [[code, text], …].
export function opts(group, codes) {
  return codes.map((c) => [c, label(group, c)]);
}

// A status step with an optional or required reason (suspend, retire,
// close …): a small form posting {reason} (or the given fields) with a
// confirmation.
export function StepForm({ id, title, fields, path, submitLabel, confirmText, onDone }) {
  return html`<${Form} id=${id} title=${title} fields=${fields} method="POST" path=${path} submitLabel=${submitLabel}
    confirmText=${confirmText} onDone=${onDone} className="form step-form" headingLevel=${3} />`;
}
