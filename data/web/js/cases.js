// Cases (pseudonymous: code and nickname only), their assessment, support
// plan and consent; the candidate list with each score split by factor and
// the excluded supporters with their reasons; assignment; batch matching.
import {
  html, useState, t, label, api, qs, session, PageTitle, Loading, ErrorBox, Empty, Badge, Field, Link, useLoad, fmtDate,
  todayISO, announce, errorText, fieldErrors, query, setQuery, num, navigate, takeNotice,
} from './core.js';
import { useOrgFilter, OrgSelect, useOrganisations } from './orgs.js';
import { Form, StepForm, opts } from './forms.js';
import { CaseVisits } from './visits.js';

const CASE_STATUSES = ['inquiry', 'assessed', 'matching', 'active', 'closed'];
const FACTORS = ['distance', 'availability', 'needs_skills', 'interests', 'peer_experience', 'gender', 'workload', 'continuity', 'occupation'];

// Candidates are offered for a case open for matching with consent to it.
function matchable(c) {
  return ['assessed', 'matching'].includes(c.status) && (c.consent?.scope || []).includes('matching');
}

export function Cases() {
  const [status, setStatus] = useState(query('status') || '');
  const org = useOrgFilter();
  const r = useLoad(() => api('GET', `/v1/cases${qs({ status, organisation_id: org.org, limit: 200 })}`), [status, org.org]);
  const list = r.data?.cases || [];
  return html`
    <${PageTitle}>${t('cases.title')}</${PageTitle}>
    <p class="actions"><${Link} class="btn btn-primary" href="/app/cases/new">${t('cases.new')}</${Link}></p>
    <div class="card filters">
      <${OrgSelect} filter=${org} />
      <div class="field"><label for="c-status">${t('cases.status')}</label>
        <select id="c-status" value=${status} onChange=${(e) => { setStatus(e.currentTarget.value); setQuery({ status: e.currentTarget.value }); }}>
          <option value="">${t('common.all')}</option>
          ${CASE_STATUSES.map((s) => html`<option value=${s}>${label('caseStatus', s)}</option>`)}
        </select></div>
      <p><${Link} class="btn" href="/app/matching">${t('nav.matching')}</${Link}></p>
    </div>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
      <div class="table-wrap"><table data-testid="cases">
        <thead><tr><th scope="col">${t('cases.code')}</th><th scope="col">${t('cases.nickname')}</th><th scope="col">${t('cases.status')}</th>
          <th scope="col">${t('cases.ageBand')}</th><th scope="col">${t('cases.municipality')}</th><th scope="col">${t('cases.needs')}</th><th scope="col">${t('cases.actions')}</th>
          ${org.admin ? html`<th scope="col">${t('orgs.organisation')}</th>` : null}</tr></thead>
        <tbody>${list.map((c) => html`<tr>
          <td><${Link} href=${`/app/cases/${c.id}`}>${c.code}</${Link}></td><td>${c.nickname}</td>
          <td><${Badge} group="caseStatus" code=${c.status} kind=${`cs-${c.status}`} /></td><td>${label('age', c.age_band)}</td>
          <td>${c.municipality_name || c.municipality_code}</td>
          <td>${(c.needs || []).map((n) => html`<span class="chip">${label('need', n)}</span>`)}</td>
          <td>${matchable(c) ? html`<${Link} href=${`/app/cases/${c.id}/candidates`}>${t('cases.candidates')}</${Link}>` : null}</td>
          ${org.admin ? html`<td class="org">${org.orgs.nameOf(c.organisation_id)}</td>` : null}
        </tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}`;
}

export function CaseDetail({ params }) {
  const [asking, setAsking] = useState(false);
  const [msg, setMsg] = useState(() => {
    const n = takeNotice();
    return n ? t(n) : null;
  });
  const r = useLoad(() => api('GET', `/v1/cases/${params.id}`), [params.id]);
  const stepDone = (text) => {
    setMsg(text);
    announce(text);
    r.reload();
    exclusions.reload();
  };
  const assignments = useLoad(() => api('GET', `/v1/assignments${qs({ case_id: params.id })}`).then((x) => x.assignments || []).catch(() => []), [params.id]);
  const exclusions = useLoad(() => api('GET', `/v1/cases/${params.id}/exclusions`).then((x) => x.exclusions || []).catch(() => []), [params.id]);
  // The names of the case's supporters and of those excluded from it: one
  // read each (a case has a few), never the whole registry.
  const pool = useLoad(async () => {
    const ids = [...new Set([...(assignments.data || []), ...(exclusions.data || [])].map((x) => x.supporter_id))];
    return (await Promise.all(ids.map((id) => api('GET', `/v1/supporters/${id}`).catch(() => null)))).filter(Boolean);
  }, [(assignments.data || []).map((x) => x.supporter_id).join(), (exclusions.data || []).map((x) => x.supporter_id).join()]);
  if (r.loading) return html`<${PageTitle}>${t('cases.case')}</${PageTitle}><${Loading} />`;
  if (r.error) return html`<${PageTitle}>${t('cases.case')}</${PageTitle}><${ErrorBox} error=${r.error} retry=${r.reload} />`;
  const c = r.data;
  const p = c.preferences || {};
  const consent = c.consent || {};
  const noMatching = !(consent.scope || []).includes('matching');
  const canDispatch = session.role === 'coordinator' && c.status !== 'closed';
  return html`
    <${PageTitle} sub=${c.code}>${c.nickname}</${PageTitle}>
    <p class="actions">
      ${matchable(c) ? html`<${Link} class="btn btn-primary" href=${`/app/cases/${c.id}/candidates`}>${t('cases.candidates')}</${Link}>` : null}
      ${canDispatch ? html`<button type="button" class="btn" aria-expanded=${asking} aria-controls="dispatch-form"
        onClick=${() => setAsking(!asking)}>${t('dispatch.ask')}</button>` : null}
    </p>
    ${canDispatch && asking ? html`<${DispatchRequestForm} kase=${c} />` : null}
    ${msg ? html`<div class="alert alert-ok" role="status"><p>${msg}</p></div>` : null}
    <${CaseSteps} c=${c} onDone=${stepDone} />
    <section class="card" aria-labelledby="c-prof"><h2 id="c-prof">${t('cases.profile')}</h2>
      <dl class="facts">
        <dt>${t('cases.status')}</dt><dd><${Badge} group="caseStatus" code=${c.status} kind=${`cs-${c.status}`} /></dd>
        <dt>${t('cases.municipality')}</dt><dd>${c.prefecture_name || ''} ${c.municipality_name || c.municipality_code}</dd>
        <dt>${t('cases.ageBand')}</dt><dd>${label('age', c.age_band)}</dd>
        <dt>${t('supporter.gender')}</dt><dd>${label('gender', c.gender)}</dd>
        <dt>${t('cases.household')}</dt><dd>${label('household', c.household)}</dd>
        <dt>${t('cases.years')}</dt><dd>${c.withdrawal_years ?? '—'}</dd>
        <dt>${t('cases.needs')}</dt><dd>${(c.needs || []).map((n) => html`<span class="chip">${label('need', n)}</span>`)}</dd>
        <dt>${t('supporter.interests')}</dt><dd>${(c.interests || []).join('、') || '—'}</dd>
        <dt>${t('cases.referredBy')}</dt><dd>${label('referral', c.referred_by)}</dd>
        <dt>${t('cases.preferences')}</dt><dd><${PreferenceChips} p=${p} /></dd>
        ${c.status === 'closed' ? html`<dt>${t('cases.closedOn')}</dt><dd>${fmtDate(c.closed_on)} · ${label('closeReason', c.close_reason)}${c.close_note ? ` · ${c.close_note}` : ''}</dd>` : null}
      </dl>
    </section>
    <section class="card" aria-labelledby="c-consent"><h2 id="c-consent">${t('cases.consent')}</h2>
      <dl class="facts">
        <dt>${t('cases.consentOn')}</dt><dd>${fmtDate(consent.obtained_on)}</dd>
        <dt>${t('cases.consentScope')}</dt><dd>${(consent.scope || []).map((s) => html`<span class="chip">${label('scope', s)}</span>`)}</dd>
        ${consent.agency ? html`<dt>${t('cases.agency')}</dt><dd>${consent.agency}</dd>` : null}
      </dl>
      ${noMatching ? html`<div class="alert alert-warn"><p>${t('cases.noMatchingConsent')}</p></div>` : null}
    </section>
    <section class="card" aria-labelledby="c-assess"><h2 id="c-assess">${t('cases.assessment')}</h2>
      ${(c.assessments || []).length ? html`<ul class="list">${c.assessments.map((a) => html`<li class="list-item">
        <p class="item-title">${fmtDate(a.held_on)}</p><p>${a.summary}</p>
        <p class="muted">${t('cases.participants')}: ${(a.participants || []).join('、')}</p></li>`)}</ul>` : html`<${Empty} />`}
    </section>
    <section class="card" aria-labelledby="c-plan"><h2 id="c-plan">${t('cases.plan')}</h2>
      ${c.plan ? html`<p class="muted">${t('cases.planRevision', { n: c.plan.revision })} · ${t('cases.review')}: ${fmtDate(c.plan.review_on)}</p>
        <ul>${(c.plan.goals || []).map((g) => html`<li>${g}</li>`)}</ul>` : html`<${Empty} />`}
    </section>
    <section class="card" aria-labelledby="c-asg"><h2 id="c-asg">${t('cases.assignments')}</h2>
      ${assignments.loading ? html`<${Loading} />` : (assignments.data || []).length ? html`<ul class="list">${assignments.data.map((a) => html`<li class="list-item">
        <${Link} href=${`/app/supporters/${a.supporter_id}`}>${supporterName(pool.data, a.supporter_id)}</${Link}>
        · ${label('assignmentRole', a.role)} · ${fmtDate(a.starts_on)}${a.ended_on ? ` – ${fmtDate(a.ended_on)}` : ''}${a.end_reason ? ` · ${a.end_reason}` : ''}
        ${!a.ended_on ? html`<${EndAssignment} a=${a} onDone=${(text) => { assignments.reload(); stepDone(text); }} />` : null}</li>`)}</ul>` : html`<${Empty} />`}
    </section>
    <${CaseVisits} assignments=${assignments.data} names=${(id) => supporterName(pool.data, id)} />
    <section class="card" aria-labelledby="c-exc"><h2 id="c-exc">${t('cases.exclusions')}</h2>
      ${(exclusions.data || []).length ? html`<ul class="list">${exclusions.data.map((x) => html`<li class="list-item">
        ${supporterName(pool.data, x.supporter_id)} · ${label('exclusion', x.reason)}</li>`)}</ul>` : html`<${Empty} />`}
    </section>
    <p><${Link} href="/app/cases">${t('cases.back')}</${Link}></p>`;
}

// ---- forms: intake, edit, assessment, plan, exclusions, close -----------------

const SKILLS = ['home_visit', 'accompany', 'phone', 'space', 'family_support', 'online'];
const SCOPES = ['matching', 'support', 'placement', 'share_with_agency'];
const REFERRALS = ['family', 'self', 'welfare_office', 'health_center', 'school', 'special_needs_school', 'medical',
  'community_general_support_center', 'social_welfare_council', 'disability_consultation_center', 'hikikomori_support_center', 'other'];
const CLOSE_REASONS = ['goal_reached', 'referred_elsewhere', 'declined', 'moved', 'no_contact', 'other'];
const EXCLUSION_REASONS = ['conflict_of_interest', 'breakdown', 'request', 'other'];

const shares = (v) => (v['consent.scope'] || []).includes('share_with_agency');

// A case as POST and PATCH /v1/cases read it; `consent` and `preferences`
// are sent whole (the API replaces them as a whole).
export function caseFields(c) {
  return [
    { name: 'nickname', kind: 'text', label: t('cases.nickname'), required: true, maxlength: 50, hint: t('cases.nicknameHint') },
    { name: 'municipality_code', kind: 'municipality', label: t('cases.municipality'), required: true,
      known: c?.municipality_code ? { [c.municipality_code]: c.municipality_name } : undefined },
    { name: 'age_band', kind: 'select', label: t('cases.ageBand'), required: true, options: opts('age', ['10s', '20s', '30s', '40s', '50s', '60s', '70s+']) },
    { name: 'gender', kind: 'select', label: t('supporter.gender'), required: true, options: opts('gender', ['female', 'male', 'other', 'unspecified']) },
    { name: 'household', kind: 'select', label: t('cases.household'), required: true, options: opts('household', ['single', 'two', 'three_plus']) },
    { name: 'withdrawal_years', kind: 'number', label: t('cases.years'), min: 0, max: 80, inputmode: 'numeric' },
    { name: 'needs', kind: 'checkboxes', label: t('cases.needs'), options: opts('need', SKILLS) },
    { name: 'interests', kind: 'tags', label: t('supporter.interests'), hint: t('form.tagsHint') },
    { name: 'referred_by', kind: 'select', label: t('cases.referredBy'), options: opts('referral', REFERRALS) },
    { name: 'referring_agency', kind: 'text', label: t('cases.referringAgency'), maxlength: 100 },
    { name: 'consent.obtained_on', kind: 'date', label: t('cases.consentOn'), required: true, max: todayISO() },
    { name: 'consent.scope', kind: 'checkboxes', label: t('cases.consentScope'), required: true, options: opts('scope', SCOPES) },
    { name: 'consent.agency', kind: 'text', label: t('cases.agency'), required: true, maxlength: 100, when: shares, hint: t('cases.agencyHint') },
    { name: 'preferences.supporter_gender', kind: 'select', label: t('cases.prefSupporterGender'), options: opts('gender', ['female', 'male', 'other']), empty: t('cases.noPreference') },
    { name: 'preferences.gender_required', kind: 'bool', label: t('cases.prefGenderRequired'), when: (v) => !!v['preferences.supporter_gender'] },
    { name: 'preferences.avoid_same_municipality', kind: 'bool', label: t('cases.avoidSame') },
    { name: 'preferences.peer_experience', kind: 'select', label: t('cases.prefPeer'), options: opts('peer', ['self', 'family']), empty: t('cases.noPreference') },
    { name: 'preferences.availability', kind: 'availability', label: t('cases.prefAvailability'), hint: t('form.availabilityHint') },
  ];
}

export function CaseNew() {
  return html`
    <${PageTitle}>${t('cases.new')}</${PageTitle}>
    <${Form} id="case-new" fields=${caseFields(null)} method="POST" path="/v1/cases" draft="case-new"
      submitLabel=${t('cases.create')} intro=${t('cases.newIntro')}
      onDone=${(c) => navigate(`/app/cases/${c.id}`, { notice: 'cases.created' })} />
    <p><${Link} href="/app/cases">${t('cases.back')}</${Link}></p>`;
}

// The steps a coordinator takes on a case, each offered only where the
// status allows it (docs/api.md, Status steps).
function CaseSteps({ c, onDone }) {
  const [open, setOpen] = useState(null);
  const closed = c.status === 'closed';
  if (closed) return null;
  const steps = [
    'edit', 'assessment',
    ...(c.status === 'assessed' ? ['matching'] : []),
    ...(c.status !== 'inquiry' ? ['plan'] : []),
    'exclusion', 'close',
  ];
  const done = (key) => () => { setOpen(null); onDone(t(key)); };
  const forms = {
    edit: () => html`<${Form} key=${c.version} id="case-edit" className="form" headingLevel=${3} title=${t('cases.step.edit')}
      fields=${caseFields(c)} record=${c} method="PATCH" path=${`/v1/cases/${c.id}`} version=${c.version} onDone=${done('form.saved')} />`,
    assessment: () => html`<${StepForm} id="case-assessment" title=${t('cases.step.assessment')} path=${`/v1/cases/${c.id}/assessment`}
      submitLabel=${t('cases.step.assessment')} onDone=${done('cases.assessed')} fields=${[
        { name: 'held_on', kind: 'date', label: t('cases.heldOn'), required: true, max: todayISO(), default: todayISO() },
        { name: 'participants', kind: 'list', label: t('cases.participants'), required: true, hint: t('cases.participantsHint'), rows: 3 },
        { name: 'summary', kind: 'textarea', label: t('cases.summary'), required: true, maxlength: 4000, rows: 5 },
      ]} />`,
    matching: () => html`<${StepForm} id="case-matching" title=${t('cases.step.matching')} path=${`/v1/cases/${c.id}/matching`}
      submitLabel=${t('cases.step.matching')} onDone=${done('cases.matchingStarted')} fields=${[]} />`,
    plan: () => html`<${Form} id="case-plan" className="form step-form" headingLevel=${3} title=${t('cases.step.plan')} method="PUT"
      path=${`/v1/cases/${c.id}/plan`} record=${c.plan} submitLabel=${t('cases.step.plan')} onDone=${done('cases.planSaved')} fields=${[
        { name: 'goals', kind: 'list', label: t('cases.goals'), required: true, hint: t('form.listHint'), rows: 4 },
        { name: 'review_on', kind: 'date', label: t('cases.review'), required: true, min: todayISO() },
      ]} />`,
    exclusion: () => html`<${StepForm} id="case-exclusion" title=${t('cases.step.exclusion')} path=${`/v1/cases/${c.id}/exclusions`}
      submitLabel=${t('cases.step.exclusion')} onDone=${done('cases.excluded')} fields=${[
        { name: 'supporter_id', kind: 'supporter', numeric: true, label: t('batch.supporter'), required: true },
        { name: 'reason', kind: 'select', label: t('cases.exclusionReason'), required: true, options: opts('exclusion', EXCLUSION_REASONS) },
        { name: 'note', kind: 'textarea', label: t('hosts.notes'), maxlength: 500, rows: 2 },
      ]} />`,
    close: () => html`<${StepForm} id="case-close" title=${t('cases.step.close')} path=${`/v1/cases/${c.id}/close`}
      submitLabel=${t('cases.step.close')} confirmText=${t('cases.closeConfirm', { name: c.nickname })} onDone=${done('cases.closed')} fields=${[
        { name: 'closed_on', kind: 'date', label: t('cases.closedOn'), required: true, max: todayISO(), default: todayISO() },
        { name: 'reason', kind: 'select', label: t('cases.closeReason'), required: true, options: opts('closeReason', CLOSE_REASONS) },
        { name: 'note', kind: 'textarea', label: t('hosts.notes'), maxlength: 500, rows: 2 },
      ]} />`,
  };
  return html`<section class="card" aria-labelledby="c-steps"><h2 id="c-steps">${t('cases.steps')}</h2>
    <p class="actions">${steps.map((k) => html`<button type="button" class=${`btn${k === 'close' ? ' btn-danger' : ''}`} aria-expanded=${open === k}
      aria-controls=${`case-step-${k}`} onClick=${() => setOpen(open === k ? null : k)}>${t(`cases.step.${k}`)}</button>`)}</p>
    ${open ? html`<div id=${`case-step-${open}`}>${forms[open]()}</div>` : null}
  </section>`;
}

function supporterName(pool, id) {
  const s = (pool || []).find((x) => x.id === id);
  return s ? s.name : t('cases.supporterN', { id });
}

// Ending a supporter's work on the case (its own step, before the case can
// be closed): POST /v1/assignments/{id}/end {ended_on, reason}.
function EndAssignment({ a, onDone }) {
  const [open, setOpen] = useState(false);
  return html`<p class="actions"><button type="button" class="btn" aria-expanded=${open} aria-controls=${`end-${a.id}`}
      onClick=${() => setOpen(!open)}>${t('cases.endAssignment')}</button></p>
    ${open ? html`<div id=${`end-${a.id}`}><${StepForm} id=${`assignment-end-${a.id}`} title=${t('cases.endAssignment')}
      path=${`/v1/assignments/${a.id}/end`} submitLabel=${t('cases.endAssignment')} onDone=${() => onDone(t('cases.assignmentEnded'))} fields=${[
        { name: 'ended_on', kind: 'date', label: t('cases.endedOn'), required: true, max: todayISO(), default: todayISO() },
        { name: 'reason', kind: 'textarea', label: t('supporter.reason'), required: true, maxlength: 500, rows: 2 },
      ]} /></div>` : null}`;
}

// A case's wishes about its supporter, as chips.
export function PreferenceChips({ p }) {
  if (!p) return '—';
  return html`
    ${p.supporter_gender ? html`<span class="chip">${t('cases.prefGender', { g: label('gender', p.supporter_gender) })}${p.gender_required ? ` (${t('cases.required')})` : ''}</span>` : null}
    ${p.avoid_same_municipality ? html`<span class="chip">${t('cases.avoidSame')}</span>` : null}
    ${p.peer_experience ? html`<span class="chip">${label('peer', p.peer_experience)}</span>` : null}`;
}

// 派遣を依頼 (SPEC 2.6, 3.3): a coordinator asks another organisation for a
// supporter for this case.  The server checks the consent (share_with_agency)
// and answers 422 consent_missing without it; that shows next to the form in
// the page's own words.
function DispatchRequestForm({ kase }) {
  const orgs = useOrganisations();
  const [state, setState] = useState({ busy: false, error: null, errors: {}, done: null });
  const choices = orgs.list.filter((o) => o.id !== kase.organisation_id);
  const submit = async (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    const to = Number(f.to_organisation_id.value);
    if (!to) {
      setState({ busy: false, error: null, errors: { to_organisation_id: t('dispatch.err.to') }, done: null });
      return;
    }
    const note = f.note.value.trim();
    setState({ busy: true, error: null, errors: {}, done: null });
    try {
      await api('POST', '/v1/dispatch-requests', { body: { case_id: kase.id, to_organisation_id: to, ...(note ? { note } : {}) } });
      const text = t('dispatch.sent', { org: orgs.nameOf(to) });
      setState({ busy: false, error: null, errors: {}, done: text });
      announce(text);
    } catch (err) {
      const error = err.code === 'consent_missing' ? t('dispatch.consentMissing') : errorText(err);
      setState({ busy: false, error, errors: fieldErrors(err), done: null });
    }
  };
  if (state.done) {
    return html`<div class="alert alert-ok" id="dispatch-form" role="status" data-testid="dispatch-sent"><p>${state.done}</p>
      <p><${Link} href="/app/dispatch?direction=outgoing">${t('dispatch.seeOutgoing')}</${Link}></p></div>`;
  }
  return html`<form class="card form" id="dispatch-form" onSubmit=${submit} aria-labelledby="df-h" novalidate data-testid="dispatch-form">
    <h2 id="df-h">${t('dispatch.ask')}</h2>
    <p class="hint">${t('dispatch.askHint')}</p>
    ${orgs.error ? html`<${ErrorBox} error=${orgs.error} />` : null}
    <${Field} id="to_organisation_id" label=${t('dispatch.to')} error=${state.errors.to_organisation_id}>
      <select id="to_organisation_id" name="to_organisation_id" required aria-invalid=${state.errors.to_organisation_id ? 'true' : undefined}
        aria-describedby=${state.errors.to_organisation_id ? 'to_organisation_id-error' : undefined}>
        <option value="">${orgs.loading ? t('common.loading') : t('report.choose')}</option>
        ${choices.map((o) => html`<option value=${String(o.id)}>${o.name}（${label('orgKind', o.kind)}）</option>`)}
      </select></${Field}>
    <${Field} id="dispatch-note" label=${t('dispatch.note')} hint=${t('dispatch.noteHint')} error=${state.errors.note}>
      <textarea id="dispatch-note" name="note" rows="3" maxlength="1000" aria-describedby="dispatch-note-hint"></textarea></${Field}>
    ${state.error ? html`<p class="error-text" role="alert" data-testid="dispatch-error">${state.error}</p>` : null}
    <button type="submit" class="btn btn-primary" disabled=${state.busy}>${t('dispatch.send')}</button>
  </form>`;
}

// A bar split into the factors' contributions on an absolute scale: the
// full width is the best score possible (every weight), so two pages, or
// two candidates, compare at a glance.  Each segment carries its factor's
// number from the legend (colour is never the only cue); the numbers are
// also in a table for screen readers.
function ScoreBar({ c }) {
  const full = Math.max(1e-9, (c.factors || []).reduce((sum, f) => sum + f.weight, 0));
  const parts = (c.factors || []).filter((f) => f.contribution > 0);
  return html`<div class="scorebar" aria-hidden="true">${parts.map((f) => {
    const i = FACTORS.indexOf(f.name);
    return html`<span class=${`seg seg-${i}`} style=${{ width: `${(100 * f.contribution) / full}%` }}
      title=${`${i + 1} ${label('factor', f.name)} ${f.contribution.toFixed(3)}`}>${i + 1}</span>`;
  })}</div>`;
}

function FactorTable({ c }) {
  return html`<details><summary>${t('candidates.why')}</summary><div class="table-wrap"><table class="compact">
    <thead><tr><th scope="col">${t('candidates.factor')}</th><th scope="col" class="num">${t('candidates.value')}</th>
      <th scope="col" class="num">${t('candidates.weight')}</th><th scope="col" class="num">${t('candidates.contribution')}</th></tr></thead>
    <tbody>${c.factors.map((f) => html`<tr><th scope="row"><span class=${`key seg-${FACTORS.indexOf(f.name)}`} aria-hidden="true">${FACTORS.indexOf(f.name) + 1}</span> ${label('factor', f.name)}</th>
      <td class="num">${f.value === null ? html`<span title=${f.note || ''}>—</span>` : f.value.toFixed(2)}</td>
      <td class="num">${f.weight}</td><td class="num">${f.contribution.toFixed(3)}</td></tr>`)}</tbody>
    <tfoot><tr><th scope="row" colspan="3">${t('candidates.score')}</th><td class="num">${c.score.toFixed(3)}</td></tr></tfoot>
  </table></div>${c.factors.filter((f) => f.note).map((f) => html`<p class="muted">${label('factor', f.name)}: ${f.note}</p>`)}</details>`;
}

// The weekly times the case prefers and the supporter is available, in
// words ("火 10:00–11:00、木 15:00–17:00").
function overlapText(c) {
  const slots = c.availability_overlap || [];
  if (slots.length) return t('candidates.overlap', { times: slots.map((a) => `${label('weekday', a.weekday)} ${a.from}–${a.to}`).join(t('candidates.listSep')) });
  const f = (c.factors || []).find((x) => x.name === 'availability');
  return f && f.value === null ? t('candidates.noTimes') : t('candidates.noOverlap');
}

// What tells two candidates apart beside the name: number, town, caseload,
// distance and the shared times, all from the candidates answer.
function CandidateFacts({ c }) {
  return html`<ul class="cand-facts">
    ${c.code ? html`<li>${t('candidates.number', { code: c.code })}</li>` : null}
    <li>${c.municipality || c.municipality_code}</li>
    <li>${t('candidates.caseload', { n: c.open_cases ?? 0, max: c.max_cases ?? 0 })}</li>
    <li>${c.distance_km === null || c.distance_km === undefined ? t('candidates.noDistance') : t('candidates.distance', { km: c.distance_km.toFixed(1) })}</li>
    <li>${overlapText(c)}</li>
  </ul>`;
}

// One candidates answer: the ranked supporters, each score split by factor,
// and the excluded ones counted by reason.  GET /v1/cases/{id}/candidates
// and GET /v1/dispatch-requests/{id}/candidates answer the same shape, with
// everything the page shows (no supporter list is read); `action(c)` gives
// a candidate's button and `idp` keeps ids unique when several lists share
// a page.
export function CandidateResults({ data, action, idp = '' }) {
  const list = data.candidates || [];
  const summary = data.excluded_summary || [];
  const nExcluded = data.excluded_total ?? (data.excluded || []).length;
  const full = list.length ? list[0].factors.reduce((sum, f) => sum + f.weight, 0) : 0;
  return html`
    <section aria-labelledby=${`${idp}cand-h`}><h2 id=${`${idp}cand-h`}>${t('candidates.ranked', { n: list.length, total: data.eligible ?? list.length })}</h2>
      <p class="muted">${t('candidates.scale', { max: num(full) })}</p>
      <ul class="legend" aria-label=${t('candidates.legend')}>${FACTORS.map((f, i) => html`<li><span class=${`key seg-${i}`} aria-hidden="true">${i + 1}</span>${label('factor', f)}</li>`)}</ul>
      ${list.length ? html`<ol class="list candidates" data-testid="candidates">${list.map((c, i) => html`<li class=${`list-item${c.assigned ? ' assigned' : ''}`}>
        <div class="cand-head"><span class="rank">${i + 1}</span>
          <${Link} href=${`/app/supporters/${c.supporter_id}`}>${c.name}</${Link}>
          ${c.assigned ? html`<span class="badge badge-approved" data-testid="already-assigned">${t('candidates.already')}</span>` : null}
          <span class="score">${t('candidates.score')} ${c.score.toFixed(3)}</span>
          ${action && !c.assigned ? action(c) : null}
        </div>
        <${CandidateFacts} c=${c} />
        <${ScoreBar} c=${c} />
        <${FactorTable} c=${c} />
      </li>`)}</ol>` : html`<${Empty}>${t('candidates.none')}</${Empty}>`}
    </section>
    <section class="card" aria-labelledby=${`${idp}exc-h`}><h2 id=${`${idp}exc-h`}>${t('candidates.excluded', { n: nExcluded })}</h2>
      ${summary.length ? html`<div class="table-wrap"><table data-testid="excluded">
        <thead><tr><th scope="col">${t('candidates.reasons')}</th><th scope="col" class="num">${t('candidates.count')}</th></tr></thead>
        <tbody>${summary.map((e) => html`<tr><td>${label('reason', e.reason)}</td><td class="num">${t('candidates.people', { n: num(e.count) })}</td></tr>`)}</tbody>
      </table></div><p class="muted">${t('candidates.excludedNote')}</p>` : html`<${Empty} />`}
    </section>`;
}

export function Candidates({ params }) {
  const [on, setOn] = useState(query('on') || todayISO());
  const kase = useLoad(() => api('GET', `/v1/cases/${params.id}`), [params.id]);
  const consented = kase.data ? (kase.data.consent?.scope || []).includes('matching') : null;
  const r = useLoad(async () => (consented ? api('GET', `/v1/cases/${params.id}/candidates${qs({ limit: 20, on })}`) : null),
    [params.id, on, consented]);
  const [msg, setMsg] = useState(null);
  const [busy, setBusy] = useState(null);
  const assign = async (c) => {
    if (!confirm(t('candidates.confirmAssign', { name: c.name, code: c.code || '', case: kase.data ? `${kase.data.code} ${kase.data.nickname}` : '', date: fmtDate(on) }))) return;
    setBusy(c.supporter_id);
    try {
      await api('POST', '/v1/assignments', { body: { case_id: Number(params.id), supporter_id: c.supporter_id, starts_on: on } });
      const text = t('candidates.assigned', { name: c.name });
      setMsg({ kind: 'ok', text });
      announce(text);
      kase.reload();
      r.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    } finally { setBusy(null); }
  };
  const open = kase.data && ['assessed', 'matching'].includes(kase.data.status);
  return html`
    <${PageTitle} sub=${kase.data ? `${kase.data.code} ${kase.data.nickname}` : ''}>${t('candidates.title')}</${PageTitle}>
    <div class="card filters">
      <div class="field"><label for="on">${t('candidates.on')}</label>
        <input id="on" type="date" value=${on} onChange=${(e) => { setOn(e.currentTarget.value); setQuery({ on: e.currentTarget.value }); }} /></div>
      <p class="muted">${kase.data ? (kase.data.needs || []).map((n) => html`<span class="chip">${label('need', n)}</span>`) : null}</p>
    </div>
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'}><p>${msg.text}</p></div>` : null}
    ${kase.data && !open ? html`<div class="alert alert-warn"><p>${t('candidates.notOpen', { status: label('caseStatus', kase.data.status) })}</p></div>` : null}
    ${consented === false ? html`<div class="alert alert-warn" data-testid="no-consent"><p>${t('candidates.noConsent')}</p></div>`
      : kase.loading || r.loading ? html`<${Loading} />` : kase.error ? html`<${ErrorBox} error=${kase.error} retry=${kase.reload} />`
      : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : r.data ? html`
      <${CandidateResults} data=${r.data} action=${open ? (c) => html`<button type="button" class="btn btn-primary" disabled=${busy !== null}
        onClick=${() => assign(c)} aria-label=${t('candidates.assignTo', { name: c.name })}>${t('candidates.assign')}</button>` : null} />` : null}
    <p><${Link} href=${`/app/cases/${params.id}`}>${t('cases.backToCase')}</${Link}></p>`;
}

// ---- batch matching -----------------------------------------------------------

export function Batch() {
  const open = useLoad(async () => {
    const [a, m] = await Promise.all([api('GET', '/v1/cases?status=assessed&limit=200'), api('GET', '/v1/cases?status=matching&limit=200')]);
    return [...(a.cases || []), ...(m.cases || [])].sort((x, y) => x.id - y.id);
  }, []);
  const [selected, setSelected] = useState(null);
  const [on, setOn] = useState(todayISO());
  const [preview, setPreview] = useState(null);
  const [msg, setMsg] = useState(null);
  const [busy, setBusy] = useState(false);
  const cases = open.data || [];
  const sel = selected || new Set(cases.filter((c) => (c.consent?.scope || []).includes('matching')).map((c) => c.id));
  const byId = Object.fromEntries(cases.map((c) => [c.id, c]));

  const toggle = (id) => {
    const s = new Set(sel);
    if (s.has(id)) s.delete(id); else s.add(id);
    setSelected(s);
    setPreview(null);
  };
  // @ids: the cases to match (default: the selection).  A commit sends
  // exactly the cases of the preview shown, which gives the same answer.
  const run = async (commit, ids = [...sel], lead = '') => {
    setBusy(true);
    setMsg(null);
    try {
      const x = await api('POST', '/v1/matching/batch', { body: { case_ids: ids, on, commit } });
      setPreview(x);
      const done = commit ? t('batch.committed', { n: x.assignments.length }) : t('batch.previewed', { n: x.assignments.length });
      const text = lead ? `${lead} ${done}` : done;
      setMsg({ kind: 'ok', text });
      announce(text);
      if (commit) open.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    } finally { setBusy(false); }
  };
  // Leaving a row out takes its case out of the selection and previews the
  // rest again: the supporter it had may now suit another case better.
  const leaveOut = (id) => {
    const s = new Set(sel);
    s.delete(id);
    setSelected(s);
    run(false, [...s], t('batch.leftOut', { name: caseName(preview, id) }));
  };
  const caseName = (x, id) => {
    const row = [...(x?.assignments || []), ...(x?.unassigned || [])].find((a) => a.case_id === id);
    return row?.case_code ? `${row.case_code} ${row.nickname || ''}`.trim() : (byId[id] ? `${byId[id].code} ${byId[id].nickname}` : `#${id}`);
  };
  const commitIds = preview ? [...preview.assignments.map((a) => a.case_id), ...preview.unassigned.map((u) => u.case_id)] : [];
  return html`
    <${PageTitle}>${t('batch.title')}</${PageTitle}>
    <p class="sub">${t('batch.intro')}</p>
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'}><p>${msg.text}</p></div>` : null}
    ${open.loading ? html`<${Loading} />` : open.error ? html`<${ErrorBox} error=${open.error} retry=${open.reload} />` : html`
    <form class="card" onSubmit=${(e) => { e.preventDefault(); run(false); }}>
      <fieldset><legend>${t('batch.cases', { n: sel.size })}</legend>
        ${cases.length ? html`<ul class="checklist">${cases.map((c) => html`<li><label class="choice">
          <input type="checkbox" checked=${sel.has(c.id)} onChange=${() => toggle(c.id)} />
          ${c.code} ${c.nickname} <span class="muted">${label('caseStatus', c.status)}${(c.consent?.scope || []).includes('matching') ? '' : ` · ${t('batch.noConsent')}`}</span></label></li>`)}</ul>`
          : html`<${Empty}>${t('batch.noCases')}</${Empty}>`}
      </fieldset>
      <div class="field"><label for="b-on">${t('batch.on')}</label><input id="b-on" type="date" value=${on} onChange=${(e) => { setOn(e.currentTarget.value); setPreview(null); }} /></div>
      <p class="actions"><button type="submit" class="btn btn-primary" disabled=${busy || !sel.size}>${t('batch.preview')}</button></p>
    </form>`}
    ${preview ? html`<section class="card" aria-labelledby="res-h" data-testid="batch-result">
      <h2 id="res-h">${preview.committed ? t('batch.resultCommitted') : t('batch.result')}</h2>
      <p class="big-line">${t('batch.total', { score: preview.total_score.toFixed(3), n: preview.assignments.length })}</p>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('cases.case')}</th><th scope="col">${t('batch.supporter')}</th><th scope="col" class="num">${t('candidates.score')}</th>
          ${preview.committed ? null : html`<th scope="col">${t('cases.actions')}</th>`}</tr></thead>
        <tbody>${preview.assignments.map((a) => html`<tr><td>${caseName(preview, a.case_id)}</td>
          <td><${Link} href=${`/app/supporters/${a.supporter_id}`}>${a.supporter_name || `#${a.supporter_id}`}</${Link}></td><td class="num">${a.score.toFixed(3)}</td>
          ${preview.committed ? null : html`<td><button type="button" class="btn" disabled=${busy} onClick=${() => leaveOut(a.case_id)}
            aria-label=${t('batch.leaveOutCase', { name: caseName(preview, a.case_id) })}>${t('batch.leaveOut')}</button></td>`}</tr>`)}</tbody>
      </table></div>
      ${preview.unassigned.length ? html`<h3>${t('batch.unassigned', { n: preview.unassigned.length })}</h3>
        <ul class="list">${preview.unassigned.map((u) => html`<li class="list-item">${caseName(preview, u.case_id)}:
          ${u.reasons.map((x) => label('batchReason', x)).join('・')}</li>`)}</ul>` : null}
      ${!preview.committed && preview.assignments.length ? html`<p class="actions">
        <button type="button" class="btn btn-primary" disabled=${busy} onClick=${() => run(true, commitIds)}>${t('batch.commit', { n: preview.assignments.length })}</button></p>` : null}
    </section>` : null}
    <p class="muted">${t('batch.note', { n: num(cases.length) })}</p>`;
}
