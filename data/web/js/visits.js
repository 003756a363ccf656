// Planned visits (issue 17): the coordinator's visits of a case's
// assignments with a small form that plans one from the proposals; the
// user's calendar feeds.  The supporter's upcoming visits are in agenda.js,
// which a phone loads without these.
import {
  html, useState, t, api, qs, Loading, ErrorBox, Empty, useLoad, fmtDate, fmtShortDate, todayISO, announce, errorText, PageTitle,
} from './core.js';
import { addDays, visitLine, ReportBadge } from './agenda.js';

// One assignment's visits and the form that plans one from a proposal.
function AssignmentVisits({ a }) {
  const list = useLoad(() => api('GET', `/v1/visits${qs({ assignment_id: a.id, limit: 200 })}`).then((x) => x.visits || []), [a.id]);
  const [mins, setMins] = useState('60');
  const [proposals, setProposals] = useState(null);
  const [msg, setMsg] = useState(null);
  const [busy, setBusy] = useState(false);
  const propose = async () => {
    setBusy(true);
    setMsg(null);
    try {
      const x = await api('GET', `/v1/assignments/${a.id}/visit-proposals${qs({ minutes: mins, from: addDays(todayISO(), 1) })}`);
      setProposals(x.proposals || []);
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const plan = async (p) => {
    setBusy(true);
    try {
      await api('POST', '/v1/visits', { body: { assignment_id: a.id, date: p.date, start: p.start, minutes: Number(mins) } });
      setProposals(null);
      const text = t('visit.planned', { date: fmtDate(p.date), start: p.start });
      setMsg({ kind: 'ok', text });
      announce(text);
      list.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const cancel = async (v) => {
    try {
      await api('POST', `/v1/visits/${v.id}/cancel`);
      list.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };
  return html`<div class="visit-block" data-testid=${`visits-${a.id}`}>
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'}><p>${msg.text}</p></div>` : null}
    ${list.loading ? html`<${Loading} />` : list.error ? html`<${ErrorBox} error=${list.error} retry=${list.reload} />`
      : !list.data.length ? html`<${Empty}>${t('visit.none')}</${Empty}>`
      : html`<ul class="list">${list.data.map((v) => html`<li class="list-item" data-visit=${v.id}>
          ${visitLine(v)} <${ReportBadge} v=${v} />
          ${v.report === 'upcoming' || v.report === 'unreported' ? html` <button type="button" class="btn btn-small" onClick=${() => cancel(v)}>${t('visit.cancel')}</button>` : null}
        </li>`)}</ul>`}
    ${!a.ended_on ? html`<div class="form-inline">
      <label for=${`vm-${a.id}`}>${t('visit.minutes')}</label>
      <input id=${`vm-${a.id}`} type="number" inputmode="numeric" min="1" max="720" step="15" value=${mins}
        onInput=${(e) => setMins(e.currentTarget.value)} />
      <button type="button" class="btn" disabled=${busy} onClick=${propose}>${t('visit.propose')}</button>
    </div>
    ${proposals ? proposals.length ? html`<p class="hint">${t('visit.proposalsHint')}</p><ul class="list" data-testid="proposals">${proposals.map((p) => html`<li class="list-item">
        <button type="button" class="btn btn-primary" disabled=${busy} onClick=${() => plan(p)}>${t('visit.planAt', { date: fmtShortDate(p.date), start: p.start, end: p.end })}</button>
      </li>`)}</ul>` : html`<p class="muted">${t('visit.noProposals')}</p>` : null}` : null}
  </div>`;
}

// The case page (cases.js): the visits of each of its assignments.
export function CaseVisits({ assignments, names }) {
  const list = (assignments || []).filter((a) => !a.ended_on);
  return html`<section class="card" aria-labelledby="c-visits" data-testid="case-visits">
    <h2 id="c-visits">${t('visit.title')}</h2>
    ${!list.length ? html`<${Empty}>${t('visit.noAssignment')}</${Empty}>` : list.map((a) => html`
      <h3>${names ? names(a.supporter_id) : `#${a.supporter_id}`}</h3>
      <${AssignmentVisits} a=${a} />`)}
  </section>`;
}

// /app/calendar: a coordinator's or an administrator's own calendar feeds
// (the visits and events they see); supporters and hosts have theirs on
// the devices page.
export function MyCalendar() {
  return html`<${PageTitle}>${t('nav.calendar')}</${PageTitle}>
    <${CalendarFeeds} />`;
}

// The user's calendar feeds: create one (its URL shown once, to copy),
// revoke one.
export function CalendarFeeds() {
  const feeds = useLoad(() => api('GET', '/v1/calendar-feeds').then((x) => x.calendar_feeds || []), []);
  const [created, setCreated] = useState(null);
  const [msg, setMsg] = useState(null);
  const create = async () => {
    try {
      const f = await api('POST', '/v1/calendar-feeds', { body: { label: t('visit.feedLabel') } });
      setCreated(f);
      setMsg(null);
      announce(t('visit.feedCreated'));
      feeds.reload();
    } catch (e) {
      setMsg(errorText(e));
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.url);
      announce(t('visit.copied'));
      setMsg(t('visit.copied'));
    } catch {
      setMsg(t('visit.copyByHand'));
    }
  };
  const revoke = async (f) => {
    try {
      await api('DELETE', `/v1/calendar-feeds/${f.id}`);
      if (created && created.id === f.id) setCreated(null);
      announce(t('visit.feedRevoked'));
      feeds.reload();
    } catch (e) {
      setMsg(errorText(e));
    }
  };
  return html`<section class="card" aria-labelledby="feeds-title" data-testid="calendar-feeds">
    <h2 id="feeds-title">${t('visit.feedsTitle')}</h2>
    <p class="hint">${t('visit.feedsHint')}</p>
    ${msg ? html`<p role="status">${msg}</p>` : null}
    ${created ? html`<div class="alert alert-ok"><p>${t('visit.feedCreated')}</p>
      <p><input type="text" readonly value=${created.url} aria-label=${t('visit.feedUrl')} data-testid="feed-url" onFocus=${(e) => e.currentTarget.select()} /></p>
      <p><button type="button" class="btn" onClick=${copy}>${t('visit.copy')}</button></p></div>` : null}
    ${feeds.loading ? html`<${Loading} />` : feeds.error ? html`<${ErrorBox} error=${feeds.error} retry=${feeds.reload} />`
      : html`<ul class="list">${feeds.data.map((f) => html`<li class="list-item">
        ${f.label || t('visit.feedLabel')} · ${fmtDate(f.created_at.slice(0, 10))}
        <button type="button" class="btn btn-danger" onClick=${() => revoke(f)}>${t('visit.revoke')}</button></li>`)}</ul>`}
    <p><button type="button" class="btn btn-primary" onClick=${create}>${t('visit.feedCreate')}</button></p>
  </section>`;
}
