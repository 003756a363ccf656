// The host's own page (/app/host, issue 15), made for a phone: today's
// participants with a present / absent pair each, the placements with their
// month's attendance, the month calendar and the host's statements.  Kept
// apart from hosts.js (the staff pages and their forms) so that a host's
// phone loads only this; hosts.js takes the calendar and the period format
// from here.
import {
  html, useState, useRef, lang, t, label, api, qs, session, PageTitle, Loading, ErrorBox, Empty, useLoad,
  fmtDate, thisMonth, todayISO, announce, errorText, yen, DownloadButton,
} from './core.js';
import { MonthPicker, StatementView } from './statement.js';

// `known`: the month's placements when the page has them already.
async function loadCalendar(hostId, month, known = null) {
  const [cal, pl] = await Promise.all([
    api('GET', `/v1/hosts/${hostId}/calendar${qs({ month })}`),
    known ? { placements: known } : api('GET', `/v1/placements${qs({ host_id: hostId, month, limit: 200 })}`).catch(() => ({ placements: [] })),
  ]);
  const placements = pl.placements || [];
  const remaining = {};
  if (session.role !== 'host') {
    await Promise.all([...new Set(placements.map((p) => p.case_id).filter(Boolean))].map(async (id) => {
      try { remaining[id] = await api('GET', `/v1/cases/${id}/placement-summary`); } catch { /* unknown */ }
    }));
  }
  return { cal, placements, remaining };
}

// The month's cells in weeks of seven (rows of the calendar's table role).
function weeksOf(cells) {
  const out = [];
  for (let i = 0; i < cells.length; i += 7) out.push(cells.slice(i, i + 7));
  return out;
}

// useLoad whose first answer the page read already, with the rest of it: the
// page appears at once, and nothing moves when a section's answer arrives
// (Lighthouse's layout shift; issue 15).  Later loads (reload, another
// month) ask the server.
function useLoadFrom(initial, fn, deps) {
  const pending = useRef(initial !== undefined);
  const r = useLoad(() => (pending.current ? Promise.resolve(initial) : fn()), deps);
  if (pending.current && !r.loading) pending.current = false;
  return pending.current ? { ...r, loading: false, error: null, data: initial } : r;
}

export function Calendar({ hostId, initial }) {
  const [month, setMonth] = useState(thisMonth());
  const r = useLoadFrom(initial, () => loadCalendar(hostId, month), [hostId, month]);
  const cal = r.data?.cal;
  const first = cal?.days?.[0];
  const lead = first ? (first.weekday + 6) % 7 : 0; // Monday first (ISO weekday 1)
  return html`<section class="card" aria-labelledby="cal-h" data-testid="calendar">
    <h2 id="cal-h">${t('hosts.calendar')}</h2>
    <${MonthPicker} month=${month} onChange=${setMonth} />
    ${session.role !== 'auditor' ? html`<p class="actions"><${DownloadButton} path=${`/v1/hosts/${hostId}/report${qs({ month })}`}
      filename=${`host-report-${hostId}-${month}.pdf`} text=${t('documents.hostReport')} testid="host-report-pdf" /></p>` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : html`
      <p class="muted">${t('hosts.capacityLine', { n: cal.capacity_per_day })}</p>
      <div class="calendar" role="table" aria-label=${t('hosts.calendar')}>
        <div class="cal-row" role="row">${[1, 2, 3, 4, 5, 6, 7].map((w) => html`<div class="cal-head" role="columnheader">${label('weekday', w)}</div>`)}</div>
        <div class="cal-grid" role="rowgroup">
          ${weeksOf([...Array.from({ length: lead }, () => null), ...cal.days]).map((week) => html`<div class="cal-week" role="row">
          ${week.map((d) => {
            if (!d) return html`<div class="cal-cell cal-empty" role="cell"><span class="sr-only">—</span></div>`;
            const full = d.participants >= d.capacity && d.capacity > 0;
            const cls = `cal-cell${d.open ? '' : ' cal-closed'}${full ? ' cal-full' : ''}${d.participants > 0 ? ' cal-busy' : ''}`;
            return html`<div class=${cls} role="cell">
              <span class="cal-date">${Number(d.date.slice(8))}</span>
              ${d.holiday ? html`<span class="cal-hol">${d.holiday}</span>` : null}
              <span class="cal-count">${t('hosts.dayCount', { n: d.participants, cap: d.capacity })}</span>
              <span class="sr-only">${fmtDate(d.date)}${d.open ? '' : ` ${t('hosts.closed')}`}</span>
            </div>`;
          })}</div>`)}
        </div>
      </div>
      <h3>${t('hosts.participants')}</h3>
      ${r.data.placements.length ? html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('hosts.participant')}</th><th scope="col">${t('placements.kind')}</th><th scope="col">${t('placements.period')}</th>
          <th scope="col" class="num">${t('placements.days')}</th><th scope="col" class="num">${t('hosts.remaining')}</th></tr></thead>
        <tbody>${r.data.placements.map((p) => {
          const s = r.data.remaining[p.case_id];
          return html`<tr><td>${p.participant?.nickname || '—'}</td><td>${label('placementKind', p.kind)}</td>
            <td>${fmtPeriod(p.first_day, p.last_day)}</td><td class="num">${p.days_count}</td>
            <td class="num">${s ? t('hosts.remainingOf', { n: s.days_remaining, cap: s.cap_days }) : p.participant_days_remaining ?? '—'}</td></tr>`;
        })}</tbody></table></div>` : html`<${Empty} />`}`}
  </section>`;
}


export function preInterviewText(p) {
  const pi = p.pre_interview;
  if (!pi) return '';
  return pi.held === false ? t('placements.preInterviewPlanned', { date: fmtDate(pi.planned_on) })
    : t('placements.preInterviewHeld', { date: fmtDate(pi.held_on) });
}

// A placement's period with its year (issue 14): 令和8年7月13日～7月26日,
// 令和8年12月21日～令和9年1月8日 / 13 Jul 2026 – 26 Jul 2026.
export function fmtPeriod(first, last) {
  if (!first) return '—';
  const a = fmtDate(first);
  if (!last || last === first) return a;
  const b = fmtDate(last);
  const year = (x) => (x.match(/^.*?年/) || [''])[0];
  if (lang === 'ja' && year(a) && year(a) === year(b)) return `${a}～${b.slice(year(b).length)}`;
  return `${a} – ${b}`;
}


// Present or absent for one day: two buttons, the one recorded pressed, so
// that "not recorded yet" never looks like "absent".
function DayMark({ day, disabled, mark, label: text, showLabel = true }) {
  return html`<div class="day-mark" role="group" aria-label=${text}>
    ${showLabel ? html`<span class="day-mark-date">${text}</span>` : null}
    <button type="button" class="btn btn-mark" aria-pressed=${day.attended === true ? 'true' : 'false'} disabled=${disabled}
      onClick=${() => mark(day.date, true)}>${day.attended === true ? '✓ ' : ''}${t('host.attended')}</button>
    <button type="button" class="btn btn-mark" aria-pressed=${day.attended === false ? 'true' : 'false'} disabled=${disabled}
      onClick=${() => mark(day.date, false)}>${day.attended === false ? '✓ ' : ''}${t('host.absent')}</button>
  </div>`;
}

function useMark(placementId, r, setMsg) {
  return async (date, attended) => {
    try {
      await api('POST', `/v1/placements/${placementId}/attendance`, { body: { date, attended } });
      announce(t('host.saved'));
      r.reload();
    } catch (e) {
      setMsg(errorText(e));
    }
  };
}

function Attendance({ placementId }) {
  const r = useLoad(() => api('GET', `/v1/placements/${placementId}`), [placementId]);
  const [msg, setMsg] = useState(null);
  const mark = useMark(placementId, r, setMsg);
  if (r.loading) return html`<${Loading} />`;
  if (r.error) return html`<${ErrorBox} error=${r.error} />`;
  const today = todayISO();
  const days = (r.data.days || []).filter((d) => d.status === 'scheduled');
  const notHeld = r.data.pre_interview?.held === false;
  return html`${msg ? html`<p class="error-text" role="alert">${msg}</p>` : null}
    ${notHeld ? html`<p class="muted">${preInterviewText(r.data)} — ${t('placements.attendanceAfterInterview')}</p>` : null}
    <ul class="checklist">${days.map((d) => html`<li><${DayMark} day=${d} disabled=${d.date > today || notHeld} mark=${mark}
      label=${fmtDate(d.date)} /></li>`)}</ul>`;
}

// The month's attendance of a placement, read when the host opens it (not
// one request per placement on every visit of the page).
function AttendanceDetails({ placementId }) {
  const [open, setOpen] = useState(false);
  return html`<details onToggle=${(e) => setOpen(e.currentTarget.open)}><summary>${t('host.attendance')}</summary>
    ${open ? html`<${Attendance} placementId=${placementId} />` : null}</details>`;
}

// Today's participants, each with one large present / absent pair: what a
// host does on the day, first on the page.
function TodayRow({ p, detail }) {
  const r = useLoadFrom(detail, () => api('GET', `/v1/placements/${p.id}`), [p.id]);
  const [msg, setMsg] = useState(null);
  const mark = useMark(p.id, r, setMsg);
  const today = todayISO();
  const day = (r.data?.days || []).find((d) => d.date === today && d.status === 'scheduled');
  // While a mark reloads it, the row keeps its place.
  if (!r.data || !day) return null;
  const notHeld = r.data.pre_interview?.held === false;
  return html`<li class="list-item today-row" data-testid="today-participant">
    <p class="item-title">${p.participant?.nickname} · ${t('host.hours', { n: p.hours_per_day })}</p>
    ${msg ? html`<p class="error-text" role="alert">${msg}</p>` : null}
    ${notHeld ? html`<p class="muted">${t('placements.attendanceAfterInterview')}</p>` : null}
    <${DayMark} day=${day} disabled=${notHeld} mark=${mark} label=${p.participant?.nickname || fmtDate(today)} showLabel=${false} />
  </li>`;
}

function running(list) {
  const today = todayISO();
  return list.filter((p) => p.first_day <= today && today <= p.last_day);
}

function Today({ list, details }) {
  const today = todayISO();
  const now = running(list);
  return html`<section class="card" aria-labelledby="ht-h" data-testid="host-today">
    <h2 id="ht-h">${t('host.today', { date: fmtDate(today) })}</h2>
    ${now.length ? html`<ul class="list">${now.map((p) => html`<${TodayRow} key=${p.id} p=${p} detail=${details[p.id]} />`)}</ul>` : null}
    <p class="muted">${t('host.todayNote')}</p>
  </section>`;
}

// Everything the page shows first, read together: the host, the month's
// placements, today's days of the running ones, the statements and the
// calendar.  A failed statement or calendar read leaves its section to read
// again by itself.
async function loadHostPage(hostId) {
  const month = thisMonth();
  const [host, pl, statements] = await Promise.all([
    hostId ? api('GET', `/v1/hosts/${hostId}`).catch(() => null) : null,
    api('GET', `/v1/placements${qs({ month, limit: 200 })}`),
    api('GET', `/v1/payments/statements${qs({ month })}`).then((x) => x.statements || []).catch(() => []),
  ]);
  const list = pl.placements || [];
  const details = {};
  const [cal] = await Promise.all([
    hostId ? loadCalendar(hostId, month, list).catch(() => undefined) : undefined,
    ...running(list).map(async (p) => {
      try { details[p.id] = await api('GET', `/v1/placements/${p.id}`); } catch { /* the row reads it again */ }
    }),
  ]);
  return { host, list, statements, details, cal };
}

export function HostHome() {
  const hostId = session.host_id;
  const r = useLoad(() => loadHostPage(hostId), [hostId]);
  if (!r.data) {
    return html`<${PageTitle}>${t('nav.hostHome')}</${PageTitle}>
      ${r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : html`<${Loading} />`}`;
  }
  const { host, list, statements, details, cal } = r.data;
  return html`
    <${PageTitle}>${host?.name || t('nav.hostHome')}</${PageTitle}>
    <${Today} list=${list} details=${details} />
    <section class="card" aria-labelledby="hp-h"><h2 id="hp-h">${t('host.placements')}</h2>
      ${list.length ? html`
        <ul class="list">${list.map((p) => html`<li class="list-item">
          <p class="item-title">${p.participant?.nickname} · ${label('placementKind', p.kind)} · ${t('host.hours', { n: p.hours_per_day })}</p>
          <p>${fmtPeriod(p.first_day, p.last_day)}</p>
          <p class="muted">${preInterviewText(p)}</p>
          <${AttendanceDetails} placementId=${p.id} /></li>`)}</ul>` : html`<${Empty} />`}
    </section>
    ${hostId ? html`<${Calendar} hostId=${hostId} initial=${cal} />` : null}
    <section class="card" aria-labelledby="hs-h"><h2 id="hs-h">${t('home.statements')}</h2>
      ${statements.length ? statements.map((s) => html`<${StatementView} s=${s} />`) : html`<${Empty}>${t('statement.none')}</${Empty}>`}
      <p class="muted">${t('host.stipendNote', { yen: yen(1500) })}</p>
    </section>`;
}
