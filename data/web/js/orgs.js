// Organisations (SPEC 2.6): the list from GET /v1/organisations, kept for
// the page's life (organisations are not personal data and change rarely),
// and the administrator's organisation selector on the supporters, cases and
// hosts lists.  The server limits every list to the caller's organisation; an
// administrator sees the whole installation and narrows it with
// ?organisation_id=, and the choice lasts for the tab's session.
import {
  html, t, label, api, qs, session, useLoad, query, setQuery, sessionPref, setSessionPref, useState, errorText,
} from './core.js';

let cache = null;

// Every organisation, all pages (an installation has a handful to a few
// dozen).  A failure is not kept, so the next page tries again.
export function loadOrganisations() {
  if (!cache) {
    cache = (async () => {
      const out = [];
      let cursor = null;
      for (let i = 0; i < 20; i++) {
        const page = await api('GET', `/v1/organisations${qs({ limit: 200, cursor })}`);
        out.push(...(page.organisations || []));
        cursor = page.next_cursor;
        if (!cursor) break;
      }
      return out;
    })();
    cache.catch(() => { cache = null; });
  }
  return cache;
}

// After a change: the next reader loads the list again.
export function forgetOrganisations() {
  cache = null;
}

// The organisations by id, loaded when `want` is true.
export function useOrganisations(want = true) {
  const r = useLoad(() => (want ? loadOrganisations() : Promise.resolve([])), [want]);
  const list = r.data || [];
  const byId = Object.fromEntries(list.map((o) => [o.id, o]));
  return {
    list, byId, loading: r.loading, error: r.error, reload: r.reload,
    nameOf: (id) => (id ? byId[id]?.name || t('orgs.unknown', { id }) : '—'),
  };
}

// The administrator's filter: `org` is '' (all organisations) or an id as
// text.  The URL (?organisation_id=) wins over the session's choice, so a
// shared or reloaded link shows the same list.
export function useOrgFilter() {
  const admin = session.role === 'admin';
  const [org, setOrgState] = useState(() => (admin ? query('organisation_id') || sessionPref('organisation') : ''));
  const orgs = useOrganisations(admin);
  const setOrg = (v) => {
    setOrgState(v);
    setSessionPref('organisation', v);
    setQuery({ organisation_id: v });
  };
  return { admin, org, setOrg, orgs };
}

export function OrgSelect({ filter }) {
  if (!filter.admin) return null;
  const { orgs } = filter;
  return html`<div class="field"><label for="f-org">${t('orgs.organisation')}</label>
    <select id="f-org" value=${filter.org} onChange=${(e) => filter.setOrg(e.currentTarget.value)}
      aria-describedby=${orgs.error ? 'f-org-error' : undefined}>
      <option value="">${t('orgs.all')}</option>
      ${orgs.list.map((o) => html`<option value=${String(o.id)}>${o.name}（${label('orgKind', o.kind)}）</option>`)}
      ${filter.org && !orgs.byId[filter.org] ? html`<option value=${filter.org}>${t('orgs.unknown', { id: filter.org })}</option>` : null}
    </select>
    ${orgs.error ? html`<p class="error-text" id="f-org-error">${errorText(orgs.error)}</p>` : null}</div>`;
}
