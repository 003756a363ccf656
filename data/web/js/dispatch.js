// Dispatch requests (SPEC 2.6 and 3.3; seed 002, 千葉's dispatch scheme): a
// coordinator asks another organisation for a supporter for one of their
// cases (the form is on the case's page, js/cases.js).  This page shows the
// requests of the coordinator's organisation in two tabs: 受信 (incoming: the
// case's matching fields only, the candidates from the own pool, accept with
// a supporter or decline with a reason) and 送信 (outgoing: the answer, or
// withdraw while open).  Both sides see the request's history.
import {
  html, useState, t, label, api, qs, PageTitle, Loading, ErrorBox, Empty, Badge, Field, Link, useLoad,
  fmtDate, fmtDateTime, todayISO, announce, errorText, fieldErrors, query, setQuery, setNavBadge,
} from './core.js';
import { useOrganisations } from './orgs.js';
import { CandidateResults, PreferenceChips } from './cases.js';

const DIRECTIONS = ['incoming', 'outgoing'];

export function openCount(page) {
  return (page?.dispatch_requests || []).filter((d) => d.status === 'open').length;
}

// The requester's own cases by id, for the outgoing tab (the request itself
// carries the case's fields only for the receiver): one list read.
async function caseLabels(requests) {
  const want = new Set(requests.filter((d) => !d.case?.nickname).map((d) => d.case_id));
  if (!want.size) return {};
  try {
    const page = await api('GET', `/v1/cases${qs({ limit: 200 })}`);
    return Object.fromEntries((page.cases || []).filter((c) => want.has(c.id)).map((c) => [c.id, `${c.code} ${c.nickname}`]));
  } catch {
    return {};
  }
}

export function Dispatch() {
  const initial = query('direction');
  const [dir, setDir] = useState(DIRECTIONS.includes(initial) ? initial : 'incoming');
  const orgs = useOrganisations();
  const [extra, setExtra] = useState([]);
  const [more, setMore] = useState(false);
  const r = useLoad(async () => {
    const x = await api('GET', `/v1/dispatch-requests${qs({ direction: dir })}`);
    x.caseLabels = dir === 'outgoing' ? await caseLabels(x.dispatch_requests || []) : {};
    x.dir = dir;
    setExtra([]);
    if (dir === 'incoming' && !x.next_cursor) setNavBadge('/app/dispatch', openCount(x));
    return x;
  }, [dir]);
  // While a reload after a change runs, the previous list stays on screen
  // so that each item keeps its message (accepted, declined…).
  const current = r.data && r.data.dir === dir ? r.data : null;
  const pages = current ? [current, ...extra] : [];
  const list = pages.flatMap((p) => p.dispatch_requests || []);
  const labels = Object.assign({}, ...pages.map((p) => p.caseLabels || {}));
  const next = pages.length ? pages[pages.length - 1].next_cursor : null;

  const choose = (d) => {
    setDir(d);
    setQuery({ direction: d });
  };
  const onKey = (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const d = DIRECTIONS[(DIRECTIONS.indexOf(dir) + 1) % DIRECTIONS.length];
    choose(d);
    document.getElementById(`tab-${d}`)?.focus();
  };
  const loadMore = async () => {
    setMore(true);
    try {
      const x = await api('GET', `/v1/dispatch-requests${qs({ direction: dir, cursor: next })}`);
      x.caseLabels = dir === 'outgoing' ? await caseLabels(x.dispatch_requests || []) : {};
      setExtra([...extra, x]);
    } catch (e) {
      announce(errorText(e));
    } finally { setMore(false); }
  };

  return html`
    <${PageTitle} sub=${t('dispatch.sub')}>${t('dispatch.title')}</${PageTitle}>
    <div class="tabs" role="tablist" aria-label=${t('dispatch.title')} onKeyDown=${onKey}>
      ${DIRECTIONS.map((d) => html`<button type="button" role="tab" id=${`tab-${d}`} class="tab" aria-selected=${dir === d ? 'true' : 'false'}
        aria-controls="dispatch-panel" tabindex=${dir === d ? '0' : '-1'} onClick=${() => choose(d)}>${t(`dispatch.tab.${d}`)}</button>`)}
    </div>
    <div id="dispatch-panel" role="tabpanel" aria-labelledby=${`tab-${dir}`} data-testid=${`dispatch-${dir}`}>
      <p class="hint">${t(`dispatch.intro.${dir}`)}</p>
      ${r.loading && !current ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
        <ul class="list dispatch-list">${list.map((d) => html`<${DispatchItem} key=${d.id} d=${d} dir=${dir} orgs=${orgs}
          caseLabel=${labels[d.case_id]} onChanged=${r.reload} />`)}</ul>` : html`<${Empty}>${t(`dispatch.none.${dir}`)}</${Empty}>`}
      ${next ? html`<p><button type="button" class="btn" onClick=${loadMore} disabled=${more}>${t('common.more')}</button></p>` : null}
    </div>`;
}

// The case as the receiver sees it: the matching fields and nothing else.
function CaseFields({ c }) {
  return html`<dl class="facts" data-testid="dispatch-case">
    <dt>${t('cases.nickname')}</dt><dd>${c.nickname || '—'}</dd>
    <dt>${t('cases.municipality')}</dt><dd>${c.municipality_name || c.municipality_code || '—'}</dd>
    <dt>${t('cases.ageBand')}</dt><dd>${label('age', c.age_band)}</dd>
    <dt>${t('supporter.gender')}</dt><dd>${label('gender', c.gender)}</dd>
    <dt>${t('cases.household')}</dt><dd>${label('household', c.household)}</dd>
    <dt>${t('cases.needs')}</dt><dd>${(c.needs || []).map((n) => html`<span class="chip">${label('need', n)}</span>`)}</dd>
    <dt>${t('supporter.interests')}</dt><dd>${(c.interests || []).join('、') || '—'}</dd>
    <dt>${t('cases.preferences')}</dt><dd><${PreferenceChips} p=${c.preferences} /></dd>
  </dl>`;
}

function History({ d, orgs }) {
  const h = d.history || [];
  if (!h.length) return null;
  return html`<details class="history"><summary>${t('dispatch.history', { n: h.length })}</summary>
    <ol class="list">${h.map((e) => html`<li class="list-item"><span class="item-title">${label('dispatchAction', e.action)}</span>
      · ${orgs.nameOf(e.organisation_id)} · ${fmtDateTime(e.at)}${e.note ? html`<p class="note">${e.note}</p>` : null}</li>`)}</ol>
  </details>`;
}

function DispatchItem({ d, dir, orgs, caseLabel, onChanged }) {
  const [panel, setPanel] = useState(null); // 'candidates' | 'decline' | null
  const [msg, setMsg] = useState(null);
  const [busy, setBusy] = useState(false);
  const incoming = dir === 'incoming';
  const open = d.status === 'open';
  const title = incoming ? d.case?.nickname || t('dispatch.caseN', { id: d.case_id }) : caseLabel || t('dispatch.caseN', { id: d.case_id });
  const headId = `dr-${d.id}-h`;
  // The supporter who took the case, by name for the receiving organisation
  // (its own record); the requester cannot read another organisation's
  // supporters and is told whose supporter it is.
  const supporter = useLoad(async () => (incoming && d.status === 'accepted' && d.supporter_id
    ? api('GET', `/v1/supporters/${d.supporter_id}`).then((s) => (s.code ? `${s.name}（${s.code}）` : s.name), () => null)
    : null), [d.id, d.status, d.supporter_id, incoming]);

  const withdraw = async () => {
    if (!confirm(t('dispatch.confirmWithdraw', { org: orgs.nameOf(d.to_organisation_id) }))) return;
    setBusy(true);
    try {
      await api('POST', `/v1/dispatch-requests/${d.id}/withdraw`, { body: {} });
      announce(t('dispatch.withdrawn'));
      onChanged();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    } finally { setBusy(false); }
  };
  const toggle = (p) => {
    setPanel(panel === p ? null : p);
    setMsg(null);
  };

  return html`<li class="list-item card dispatch-item" data-testid="dispatch-request" data-id=${d.id}>
    <div class="dispatch-head">
      <h2 id=${headId} class="dispatch-title">${incoming ? title : html`<${Link} href=${`/app/cases/${d.case_id}`}>${title}</${Link}>`}</h2>
      <${Badge} group="dispatchStatus" code=${d.status} kind=${`ds-${d.status}`} />
    </div>
    <dl class="facts">
      ${incoming ? html`<dt>${t('dispatch.from')}</dt><dd>${orgs.nameOf(d.from_organisation_id)}</dd>`
        : html`<dt>${t('dispatch.to')}</dt><dd>${orgs.nameOf(d.to_organisation_id)}</dd>`}
      <dt>${t('dispatch.requestedAt')}</dt><dd>${fmtDateTime(d.created_at)}</dd>
      ${d.note ? html`<dt>${t('dispatch.note')}</dt><dd class="note">${d.note}</dd>` : null}
      ${d.status === 'declined' && d.decline_reason ? html`<dt>${t('dispatch.declineReason')}</dt><dd class="note">${d.decline_reason}</dd>` : null}
      ${d.status === 'accepted' && d.supporter_id ? html`<dt>${t('dispatch.supporter')}</dt><dd>${incoming
        ? html`<${Link} href=${`/app/supporters/${d.supporter_id}`}>${supporter.data || t('cases.supporterN', { id: d.supporter_id })}</${Link}>`
        : t('dispatch.theirSupporter', { org: orgs.nameOf(d.to_organisation_id) })}</dd>` : null}
    </dl>
    ${incoming && d.case ? html`<section aria-label=${t('dispatch.caseFields')}><h3>${t('dispatch.caseFields')}</h3><${CaseFields} c=${d.case} /></section>` : null}
    <${History} d=${d} orgs=${orgs} />
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'}><p>${msg.text}</p></div>` : null}
    ${open ? html`<p class="actions">
      ${incoming ? html`
        <button type="button" class="btn btn-primary" aria-expanded=${panel === 'candidates'} onClick=${() => toggle('candidates')}>${t('dispatch.candidates')}</button>
        <button type="button" class="btn btn-danger" aria-expanded=${panel === 'decline'} onClick=${() => toggle('decline')}>${t('dispatch.decline')}</button>`
        : html`<button type="button" class="btn btn-danger" disabled=${busy} onClick=${withdraw}>${t('dispatch.withdraw')}</button>`}
    </p>` : null}
    ${open && incoming && panel === 'candidates' ? html`<${AcceptPanel} d=${d} onDone=${(text) => { setPanel(null); setMsg({ kind: 'ok', text }); onChanged(); }} />` : null}
    ${open && incoming && panel === 'decline' ? html`<${DeclineForm} d=${d} onDone=${(text) => { setPanel(null); setMsg({ kind: 'ok', text }); onChanged(); }} />` : null}
  </li>`;
}

// The candidates from the receiver's own pool (the same ranking and
// explanation as a case's candidates) and 承諾 with one of them, after a
// confirmation: accepting creates the assignment.
function AcceptPanel({ d, onDone }) {
  const [on, setOn] = useState(todayISO());
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const r = useLoad(() => api('GET', `/v1/dispatch-requests/${d.id}/candidates`), [d.id]);
  const accept = async (c) => {
    if (!on) {
      setError(t('dispatch.err.startsOn'));
      return;
    }
    if (!confirm(t('dispatch.confirmAccept', { name: c.name, date: fmtDate(on) }))) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/v1/dispatch-requests/${d.id}/accept`, { body: { supporter_id: c.supporter_id, starts_on: on } });
      const text = t('dispatch.accepted', { name: c.name });
      announce(text);
      onDone(text);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  const id = `starts-${d.id}`;
  return html`<div class="dispatch-panel" data-testid="dispatch-candidates">
    <div class="field narrow-field"><label for=${id}>${t('dispatch.startsOn')}</label>
      <input id=${id} type="date" value=${on} onChange=${(e) => setOn(e.currentTarget.value)} /></div>
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : html`
      <${CandidateResults} data=${r.data} idp=${`dr-${d.id}-`} action=${(c) => html`<button type="button" class="btn btn-primary" disabled=${busy}
        onClick=${() => accept(c)} aria-label=${t('dispatch.acceptWith', { name: c.name })}>${t('dispatch.accept')}</button>`} />`}
  </div>`;
}

function DeclineForm({ d, onDone }) {
  const [state, setState] = useState({ busy: false, error: null, field: null });
  const id = `reason-${d.id}`;
  const submit = async (e) => {
    e.preventDefault();
    const reason = e.currentTarget.reason.value.trim();
    if (!reason) {
      setState({ busy: false, error: null, field: t('dispatch.err.reason') });
      return;
    }
    setState({ busy: true, error: null, field: null });
    try {
      await api('POST', `/v1/dispatch-requests/${d.id}/decline`, { body: { reason } });
      const text = t('dispatch.declined');
      announce(text);
      onDone(text);
    } catch (err) {
      setState({ busy: false, error: errorText(err), field: fieldErrors(err).reason || null });
    }
  };
  return html`<form class="form dispatch-panel" onSubmit=${submit} novalidate aria-label=${t('dispatch.decline')} data-testid="dispatch-decline">
    <${Field} id=${id} label=${t('dispatch.declineReason')} hint=${t('dispatch.declineHint')} error=${state.field}>
      <textarea id=${id} name="reason" rows="2" maxlength="1000" required aria-invalid=${state.field ? 'true' : undefined}
        aria-describedby=${state.field ? `${id}-error` : `${id}-hint`}></textarea></${Field}>
    ${state.error ? html`<p class="error-text" role="alert">${state.error}</p>` : null}
    <button type="submit" class="btn btn-danger" disabled=${state.busy}>${t('dispatch.declineSubmit')}</button>
  </form>`;
}
