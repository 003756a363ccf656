// The supporter's agenda on the phone's home: the planned visits not
// reported yet (issue 17), with 「この訪問を報告」 opening the report form
// filled from the visit, and the events it staffs (issue 18).  Kept apart
// from visits.js and events.js (the staff pages, with their forms) so that a
// phone's first load stays small (docs/web.md, the Lighthouse gate).
import {
  html, t, api, qs, session, Loading, ErrorBox, Empty, Badge, useLoad, fmtShortDate, todayISO, navigate, minutes,
} from './core.js';

export const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export const visitLine = (v) => `${fmtShortDate(v.date)} ${v.start}–${v.end} · ${minutes(v.minutes)}`;

export function ReportBadge({ v }) {
  return html`<span class=${`badge badge-visit-${v.report}`} data-testid="visit-report">${t(`visit.report.${v.report}`)}</span>`;
}

// The report form (supporter.js) restores its draft from sessionStorage:
// the visit's assignment, date, start and minutes, and its id.  The kind is
// left for the supporter, as on a fresh form.
function reportVisit(v) {
  const draft = {
    assignment_id: String(v.assignment_id), date: v.date, start: v.start, minutes: String(v.minutes),
    kind: '', transport_yen: '0', note: '', visit_id: String(v.id),
  };
  try { sessionStorage.setItem(`ts.draft.report.${session.login || ''}`, JSON.stringify(draft)); } catch { /* none */ }
  navigate('/app/report');
}

// The supporter's home: the visits of the last 30 days not reported yet
// (未報告) and the next 60 days', soonest first.
// `keep(name, fn)`: the home's last-known copy (supporter.js), so that the
// agenda still shows in a dead zone.
const kept = (keep, name, fn) => (keep ? keep(name, fn).then((x) => x.data) : fn());

export function UpcomingVisits({ keep }) {
  const today = todayISO();
  const r = useLoad(() => kept(keep, 'visits', () => api('GET', `/v1/visits${qs({ from: addDays(today, -30), to: addDays(today, 60), status: 'planned', limit: 200 })}`))
    .then((x) => (x.visits || []).filter((v) => v.report !== 'reported')
      .sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`))), []);
  return html`<section class="card" aria-labelledby="v-title" data-testid="upcoming-visits">
    <h2 id="v-title">${t('visit.upcoming')}</h2>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />`
      : !r.data.length ? html`<${Empty}>${t('visit.none')}</${Empty}>`
      : html`<ul class="list">${r.data.map((v) => html`<li class="list-item" data-visit=${v.id}>
        <p class="item-title">${v.case_nickname || `#${v.case_id}`}</p>
        <p>${visitLine(v)} <${ReportBadge} v=${v} /></p>
        ${v.date <= today ? html`<p><button type="button" class="btn btn-primary btn-block" onClick=${() => reportVisit(v)}>${t('visit.reportThis')}</button></p>` : null}
      </li>`)}</ul>`}
  </section>`;
}

// Every event of the query, soonest first (the list pages by cursor).
export async function eventsOf(params) {
  const out = [];
  let cursor;
  do {
    const x = await api('GET', `/v1/events${qs({ ...params, limit: 500, cursor })}`);
    out.push(...(x.events || []));
    cursor = x.next_cursor;
  } while (cursor);
  return out.sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
}

// The supporter's phone: the events it staffs from today on, a list.
export function StaffedEvents({ keep }) {
  const r = useLoad(() => kept(keep, 'events', () => eventsOf({ from: todayISO() })), []);
  if (r.loading || r.error || !r.data.length) return null;
  return html`<section class="card" aria-labelledby="ev-title">
    <h2 id="ev-title">${t('agenda.events')}</h2>
    <ul class="event-list" data-testid="staffed-events">${r.data.map((e) => html`<li>
      <strong>${fmtShortDate(e.date)} ${e.start}</strong> ${e.title}${e.place ? html` <span class="muted">${e.place}</span>` : null}
      ${e.status === 'cancelled' ? html` <${Badge} group="eventStatus" code="cancelled" />` : null}</li>`)}</ul>
  </section>`;
}
