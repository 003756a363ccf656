// Administrator pages (issue 14): the organisations of the installation;
// accounts with their role, organisation and link to a supporter or host; the
// rate table and a new effective-dated rate set; a fiscal year's budget.
// Every form is forms.js's.
import {
  html, useState, t, label, api, qs, PageTitle, Loading, ErrorBox, Empty, Badge, Link, useLoad, announce,
  fmtDate, fmtFiscalYear, fiscalYearOf, todayISO, yen,
} from './core.js';
import { useOrganisations, forgetOrganisations } from './orgs.js';
import { Form, opts } from './forms.js';

const ROLES = ['admin', 'coordinator', 'supporter', 'host', 'auditor'];
const KINDS = ['home_visit', 'accompany', 'phone', 'space', 'family_support', 'online'];
const AMOUNTS = ['honorarium_per_activity_yen', 'honorarium_per_hour_yen', 'transport_cap_yen'];

// ---- organisations -------------------------------------------------------------------

const ORG_KINDS = ['prefecture', 'municipality', 'agency'];

function orgFields({ orgs, self }) {
  // A parent can be any organisation but the one edited (the server refuses
  // a cycle further down, next to the field).
  const parents = orgs.list.filter((o) => o.id !== self).map((o) => [o.id, `${o.name}（${label('orgKind', o.kind)}）`]);
  return [
    { name: 'name', kind: 'text', label: t('orgs.name'), required: true, maxlength: 100, autocomplete: 'off' },
    { name: 'kind', kind: 'select', label: t('orgs.kind'), required: true, options: opts('orgKind', ORG_KINDS) },
    { name: 'municipality_code', kind: 'municipality', label: t('orgs.municipality'), required: true, hint: t('orgs.municipalityHint'), prefectures: true },
    { name: 'parent_id', kind: 'select', numeric: true, label: t('orgs.parent'), options: parents, empty: t('orgs.noParent'), hint: t('orgs.parentHint') },
  ];
}

export function Organisations() {
  const orgs = useOrganisations();
  const [editing, setEditing] = useState(null);
  const [creating, setCreating] = useState(false);
  const [msg, setMsg] = useState(null);
  const done = (text) => {
    setMsg(text);
    announce(text);
    setEditing(null);
    setCreating(false);
    forgetOrganisations();
    orgs.reload();
  };
  const byId = Object.fromEntries(orgs.list.map((o) => [o.id, o]));
  return html`
    <${PageTitle} sub=${t('orgs.sub')}>${t('orgs.title')}</${PageTitle}>
    ${msg ? html`<div class="alert alert-ok" role="status"><p>${msg}</p></div>` : null}
    <p class="actions"><button type="button" class="btn btn-primary" aria-expanded=${creating} aria-controls="org-new"
      onClick=${() => setCreating(!creating)}>${t('orgs.new')}</button></p>
    ${creating && !orgs.loading ? html`<${Form} id="org-new" title=${t('orgs.new')} fields=${orgFields({ orgs })}
      record=${{ kind: 'municipality', parent_id: orgs.list.find((o) => o.kind === 'prefecture')?.id ?? '' }} method="POST" path="/v1/organisations"
      submitLabel=${t('orgs.create')} onDone=${(o) => done(t('orgs.created', { name: o.name }))} />` : null}
    ${orgs.loading ? html`<${Loading} />` : orgs.error ? html`<${ErrorBox} error=${orgs.error} retry=${orgs.reload} />` : orgs.list.length ? html`
      <div class="table-wrap"><table data-testid="organisations">
        <thead><tr><th scope="col">${t('orgs.name')}</th><th scope="col">${t('orgs.kind')}</th><th scope="col">${t('orgs.municipality')}</th>
          <th scope="col">${t('orgs.parent')}</th><th scope="col">${t('cases.actions')}</th></tr></thead>
        <tbody>${orgs.list.map((o) => html`<tr>
          <th scope="row">${o.name}</th><td>${label('orgKind', o.kind)}</td>
          <td>${o.municipality_code ? `${o.municipality_name || o.prefecture_name || ''}（${o.municipality_code}）` : '—'}</td>
          <td>${o.parent_id ? byId[o.parent_id]?.name || t('orgs.unknown', { id: o.parent_id }) : '—'}</td>
          <td><button type="button" class="btn" aria-expanded=${editing === o.id} aria-controls="org-edit"
            aria-label=${t('orgs.editOf', { name: o.name })} onClick=${() => setEditing(editing === o.id ? null : o.id)}>${t('users.edit')}</button></td>
        </tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}
    ${editing && !orgs.loading ? (() => {
      const o = byId[editing];
      return o ? html`<${Form} key=${o.id} id="org-edit" title=${t('orgs.editOf', { name: o.name })} fields=${orgFields({ orgs, self: o.id })}
        record=${o} method="PATCH" path=${`/v1/organisations/${o.id}`} onDone=${() => done(t('orgs.saved', { name: o.name }))} />` : null;
    })() : null}
    <p class="muted"><${Link} href="/app/users">${t('orgs.toUsers')}</${Link}></p>`;
}

// ---- users ------------------------------------------------------------------------

// Hosts to link an account to (the first 200: an installation has a few
// dozen); supporters are found by search in the form.
function useLinks() {
  return useLoad(async () => {
    const h = await api('GET', `/v1/hosts${qs({ limit: 200 })}`).catch(() => ({ hosts: [] }));
    return { hosts: h.hosts || [] };
  }, []);
}

function userFields({ create, orgs, links }) {
  const hosts = (links?.hosts || []).map((h) => [h.id, h.name]);
  return [
    ...(create ? [
      { name: 'login', kind: 'text', label: t('users.login'), required: true, maxlength: 64, hint: t('users.loginHint'), autocomplete: 'off' },
      { name: 'password', kind: 'password', label: t('users.password'), required: true, hint: t('users.passwordHint') },
    ] : []),
    { name: 'role', kind: 'select', label: t('users.role'), required: true, options: opts('role', ROLES) },
    { name: 'organisation_id', kind: 'select', numeric: true, label: t('orgs.organisation'), hint: create ? t('users.orgHint') : undefined,
      options: orgs.list.map((o) => [o.id, `${o.name}（${label('orgKind', o.kind)}）`]) },
    { name: 'supporter_id', kind: 'supporter', numeric: true, label: t('users.supporter'), required: true,
      when: (v) => v.role === 'supporter' },
    { name: 'host_id', kind: 'select', numeric: true, label: t('users.host'), required: true, options: hosts,
      when: (v) => v.role === 'host' },
    { name: 'email', kind: 'email', label: t('users.email'), maxlength: 254, autocomplete: 'off' },
    ...(create ? [] : [
      { name: 'password', kind: 'password', label: t('users.newPassword'), hint: t('users.newPasswordHint') },
      { name: 'disabled', kind: 'bool', label: t('users.disabled'), hint: t('users.disabledHint') },
    ]),
  ];
}

export function Users() {
  const r = useLoad(() => api('GET', '/v1/users'), []);
  const orgs = useOrganisations();
  const links = useLinks();
  const [editing, setEditing] = useState(null);
  const [creating, setCreating] = useState(false);
  const [msg, setMsg] = useState(null);
  const list = r.data?.users || [];
  const done = (text) => {
    setMsg(text);
    announce(text);
    setEditing(null);
    setCreating(false);
    r.reload();
  };
  const ready = !orgs.loading && !links.loading;
  return html`
    <${PageTitle}>${t('users.title')}</${PageTitle}>
    ${msg ? html`<div class="alert alert-ok" role="status"><p>${msg}</p></div>` : null}
    <p class="actions"><button type="button" class="btn btn-primary" aria-expanded=${creating} aria-controls="user-new"
      onClick=${() => setCreating(!creating)}>${t('users.new')}</button></p>
    ${creating && ready ? html`<${Form} id="user-new" title=${t('users.new')} fields=${userFields({ create: true, orgs, links: links.data })}
      record=${{ role: 'coordinator' }} method="POST" path="/v1/users" submitLabel=${t('users.create')}
      onDone=${(u) => done(t('users.created', { login: u.login }))} />` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : list.length ? html`
      <div class="table-wrap"><table data-testid="users">
        <thead><tr><th scope="col">${t('users.login')}</th><th scope="col">${t('users.role')}</th><th scope="col">${t('orgs.organisation')}</th>
          <th scope="col">${t('users.linked')}</th><th scope="col">${t('users.email')}</th><th scope="col">${t('users.state')}</th>
          <th scope="col">${t('cases.actions')}</th></tr></thead>
        <tbody>${list.map((u) => html`<tr>
          <th scope="row">${u.login}</th><td>${label('role', u.role)}</td><td>${orgs.nameOf(u.organisation_id)}</td>
          <td>${u.supporter_id ? html`<${Link} href=${`/app/supporters/${u.supporter_id}`}>${t('cases.supporterN', { id: u.supporter_id })}</${Link}>`
            : u.host_id ? html`<${Link} href=${`/app/hosts/${u.host_id}`}>${t('users.hostN', { id: u.host_id })}</${Link}>` : '—'}</td>
          <td>${u.email || '—'}</td>
          <td>${u.disabled ? html`<${Badge} kind="lapsed" group="users" code="isDisabled" />` : html`<${Badge} kind="valid" group="users" code="isActive" />`}</td>
          <td><button type="button" class="btn" aria-expanded=${editing === u.id} aria-controls="user-edit"
            aria-label=${t('users.editOf', { login: u.login })} onClick=${() => setEditing(editing === u.id ? null : u.id)}>${t('users.edit')}</button></td>
        </tr>`)}</tbody>
      </table></div>` : html`<${Empty} />`}
    ${editing && ready ? (() => {
      const u = list.find((x) => x.id === editing);
      return u ? html`<${Form} key=${u.id} id="user-edit" title=${t('users.editOf', { login: u.login })}
        fields=${userFields({ create: false, orgs, links: links.data })} record=${u} method="PATCH" path=${`/v1/users/${u.id}`}
        onDone=${() => done(t('users.saved', { login: u.login }))} />` : null;
    })() : null}`;
}

// ---- rates --------------------------------------------------------------------------

function RateRow({ r, current }) {
  const over = Object.entries(r.by_kind || {});
  return html`<tr class=${current ? 'current' : ''}>
    <th scope="row">${fmtDate(r.effective_from)}${current ? html` <span class="badge badge-valid">${t('rates.inForce')}</span>` : null}</th>
    <td class="num">${yen(r.honorarium_per_activity_yen)}</td><td class="num">${yen(r.honorarium_per_hour_yen)}</td>
    <td class="num">${yen(r.transport_cap_yen)}</td><td class="num">${yen(r.host_stipend_per_day_yen)}</td>
    <td>${over.length ? over.map(([k, o]) => html`<span class="chip">${label('kind', k)}: ${Object.entries(o)
      .map(([f, v]) => `${t(`rates.${f}`)} ${yen(v)}`).join('・')}</span>`) : '—'}</td>
  </tr>`;
}

export function Rates() {
  const r = useLoad(() => api('GET', '/v1/rates'), []);
  const [msg, setMsg] = useState(null);
  const sets = r.data?.rate_sets || [];
  const inForce = r.data?.in_force;
  const last = sets.length ? sets[sets.length - 1] : r.data?.defaults;
  const fields = [
    { name: 'effective_from', kind: 'date', label: t('rates.effective_from'), required: true, hint: t('rates.effectiveHint') },
    { name: 'honorarium_per_activity_yen', kind: 'number', label: t('rates.honorarium_per_activity_yen'), required: true, min: 0, step: 1, inputmode: 'numeric' },
    { name: 'honorarium_per_hour_yen', kind: 'number', label: t('rates.honorarium_per_hour_yen'), required: true, min: 0, step: 1, inputmode: 'numeric' },
    { name: 'transport_cap_yen', kind: 'number', label: t('rates.transport_cap_yen'), required: true, min: 0, step: 1, inputmode: 'numeric', hint: t('rates.transportHint') },
    { name: 'host_stipend_per_day_yen', kind: 'number', label: t('rates.host_stipend_per_day_yen'), required: true, min: 0, step: 1, inputmode: 'numeric' },
    ...KINDS.flatMap((k) => AMOUNTS.map((a) => ({
      name: `by_kind.${k}.${a}`, group: 'by_kind', kind: 'number', label: `${label('kind', k)}：${t(`rates.${a}`)}`, min: 0, step: 1, inputmode: 'numeric',
    }))),
  ];
  const start = last ? { ...last, effective_from: '', by_kind: last.by_kind || {} } : null;
  return html`
    <${PageTitle}>${t('rates.title')}</${PageTitle}>
    ${msg ? html`<div class="alert alert-ok" role="status"><p>${msg}</p></div>` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : html`
      <section class="card" aria-labelledby="rt-h"><h2 id="rt-h">${t('rates.table')}</h2>
        ${r.data.defaults_in_force ? html`<div class="alert alert-warn"><p>${t('rates.defaultsInForce')}</p></div>` : null}
        ${sets.length ? html`<div class="table-wrap"><table data-testid="rates">
          <thead><tr><th scope="col">${t('rates.effective_from')}</th><th scope="col" class="num">${t('rates.honorarium_per_activity_yen')}</th>
            <th scope="col" class="num">${t('rates.honorarium_per_hour_yen')}</th><th scope="col" class="num">${t('rates.transport_cap_yen')}</th>
            <th scope="col" class="num">${t('rates.host_stipend_per_day_yen')}</th><th scope="col">${t('rates.byKind')}</th></tr></thead>
          <tbody>${sets.map((x) => html`<${RateRow} r=${x} current=${inForce && x.effective_from === inForce.effective_from} />`)}</tbody>
        </table></div>` : html`<${Empty} />`}
      </section>
      <${Form} key=${sets.length} id="rate-new" title=${t('rates.new')} intro=${t('rates.newIntro')} fields=${fields} record=${start}
        method="POST" path="/v1/rates" submitLabel=${t('rates.create')} groups=${{ by_kind: t('rates.byKind') }}
        confirmText=${(v) => t('rates.confirm', { date: fmtDate(v.effective_from) })}
        onDone=${(x) => { const text = t('rates.created', { date: fmtDate(x.effective_from) }); setMsg(text); announce(text); r.reload(); }} />`}`;
}

// ---- budgets -------------------------------------------------------------------------

export function Budgets() {
  const r = useLoad(() => api('GET', '/v1/budgets'), []);
  const [msg, setMsg] = useState(null);
  const list = r.data?.budgets || [];
  const fy = fiscalYearOf(todayISO());
  return html`
    <${PageTitle}>${t('budgets.title')}</${PageTitle}>
    ${msg ? html`<div class="alert alert-ok" role="status"><p>${msg}</p></div>` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : html`
      <section class="card" aria-labelledby="bl-h"><h2 id="bl-h">${t('budgets.list')}</h2>
        ${list.length ? html`<div class="table-wrap"><table data-testid="budgets">
          <thead><tr><th scope="col">${t('budgets.fiscal_year')}</th><th scope="col" class="num">${t('budgets.amount_yen')}</th>
            <th scope="col">${t('budgets.updated')}</th></tr></thead>
          <tbody>${list.map((b) => html`<tr><th scope="row">${fmtFiscalYear(b.fiscal_year)}</th><td class="num">${yen(b.amount_yen)}</td>
            <td>${fmtDate((b.updated_at || '').slice(0, 10))}</td></tr>`)}</tbody>
        </table></div>` : html`<${Empty} />`}
      </section>
      <${Form} key=${list.length} id="budget-new" title=${t('budgets.set')} intro=${t('budgets.intro')} method="POST" path="/v1/budgets"
        submitLabel=${t('budgets.save')} record=${{ fiscal_year: fy }}
        confirmText=${(v) => (list.some((b) => String(b.fiscal_year) === String(v.fiscal_year)) ? t('budgets.replaceConfirm', { fy: fmtFiscalYear(Number(v.fiscal_year)) }) : undefined)}
        fields=${[
          { name: 'fiscal_year', kind: 'number', label: t('budgets.fiscal_year'), required: true, min: 2000, max: fy + 5, inputmode: 'numeric', hint: t('budgets.fyHint') },
          { name: 'amount_yen', kind: 'number', label: t('budgets.amount_yen'), required: true, min: 0, step: 1, inputmode: 'numeric' },
        ]}
        onDone=${(b) => { const text = t('budgets.saved', { fy: fmtFiscalYear(b.fiscal_year) }); setMsg(text); announce(text); r.reload(); }} />`}
    <p class="muted"><${Link} href="/app/payments">${t('budgets.seePayments')}</${Link}></p>`;
}
