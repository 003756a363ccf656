// Events (issue 18, SPEC 2.8): the coordinators' month view of 居場所, 家族会,
// 例会, 講演会, training days, consultation days and seminars; an event's page
// with its attendance (named supporters, paid at the event rate, and the
// counted others), seminar registrations (定員, waiting list) and a
// consultation day's slots, booking requests and allocation.  The events a
// supporter staffs are on its phone's home (agenda.js).
import {
  html, useState, t, label, api, qs, PageTitle, Loading, ErrorBox, Empty, Badge, Link, useLoad,
  fmtDate, fmtShortDate, thisMonth, addMonths, todayISO, announce, errorText, navigate, yen,
} from './core.js';
import { Form, StepForm, opts } from './forms.js';
import { MonthPicker } from './statement.js';
import { eventsOf } from './agenda.js';

export const EVENT_KINDS = ['ibasho', 'family_meeting', 'supporter_meeting', 'lecture', 'training_day',
  'consultation_day', 'seminar'];

function monthRange(month) {
  const next = addMonths(month, 1);
  const [y, m] = next.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function eventFields() {
  return [
    { name: 'kind', kind: 'select', label: t('events.kind'), required: true, options: opts('eventKind', EVENT_KINDS) },
    { name: 'title', kind: 'text', label: t('events.titleField'), required: true, maxlength: 100 },
    { name: 'date', kind: 'date', label: t('events.date'), required: true },
    { name: 'start', kind: 'text', label: t('events.start'), required: true, placeholder: '13:30', maxlength: 5 },
    { name: 'minutes', kind: 'number', label: t('events.minutes'), required: true, min: 1, max: 720, inputmode: 'numeric' },
    { name: 'place', kind: 'text', label: t('events.place'), maxlength: 200 },
    { name: 'capacity', kind: 'number', label: t('events.capacity'), min: 1, max: 10000, inputmode: 'numeric', hint: t('events.capacityHint') },
    { name: 'municipality_code', kind: 'municipality', label: t('cases.municipality'), required: true },
    { name: 'repeat_count', kind: 'number', label: t('events.repeat'), min: 2, max: 24, inputmode: 'numeric', hint: t('events.repeatHint') },
  ];
}

// A series: monthly on the same n-th weekday as the first date (家族会 on
// the second Thursday).
function withRepeat(body) {
  const { repeat_count: count, ...rest } = body;
  return count ? { ...rest, repeat: { rule: 'monthly_nth_weekday', count: Number(count) } } : rest;
}

export function Events() {
  const [month, setMonth] = useState(thisMonth());
  const [adding, setAdding] = useState(false);
  const r = useLoad(() => eventsOf(monthRange(month)), [month]);
  const byDate = {};
  for (const e of r.data || []) (byDate[e.date] ||= []).push(e);
  return html`
    <${PageTitle}>${t('events.title')}</${PageTitle}>
    <p class="actions"><button type="button" class="btn btn-primary" aria-expanded=${adding} aria-controls="event-new"
      onClick=${() => setAdding(!adding)}>${t('events.new')}</button></p>
    ${adding ? html`<div id="event-new"><${Form} id="event-form" title=${t('events.new')} fields=${eventFields()} method="POST"
      path="/v1/events" transform=${withRepeat} submitLabel=${t('events.create')}
      onDone=${(e) => navigate(`/app/events/${e.id}`, { notice: 'events.created' })} /></div>` : null}
    <${MonthPicker} month=${month} onChange=${setMonth} />
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />`
      : r.data.length ? html`<ol class="event-month" data-testid="event-month">${Object.keys(byDate).map((d) => html`<li>
          <h2 class="event-day">${fmtShortDate(d)}</h2>
          <ul>${byDate[d].map((e) => html`<li class=${e.status === 'cancelled' ? 'cancelled' : ''}>
            <span class="muted">${e.start}</span> <${Link} href=${`/app/events/${e.id}`}>${e.title}</${Link}>
            <${Badge} group="eventKind" code=${e.kind} />
            ${e.status === 'cancelled' ? html` <${Badge} group="eventStatus" code="cancelled" />` : null}
            ${e.capacity ? html` <span class="muted">${t('events.capacityN', { n: e.capacity })}</span>` : null}</li>`)}</ul>
        </li>`)}</ol>` : html`<${Empty}>${t('events.none')}</${Empty}>`}`;
}

function Attendance({ e, onDone }) {
  const sups = useLoad(() => api('GET', `/v1/supporters${qs({ status: 'registered', limit: 200 })}`).then((x) => x.supporters || []), []);
  if (sups.loading) return html`<${Loading} />`;
  if (sups.error) return html`<${ErrorBox} error=${sups.error} retry=${sups.reload} />`;
  const attended = (e.staff || []).filter((s) => s.attended).map((s) => String(s.supporter_id));
  return html`<${Form} id="attendance" headingLevel=${3} title=${t('events.attendance')} method="POST"
    path=${`/v1/events/${e.id}/attendance`} submitLabel=${t('events.recordAttendance')}
    record=${{ supporter_ids: attended, counts: { self: e.counts?.self ?? 0, family: e.counts?.family ?? 0, other: e.counts?.other ?? 0 } }}
    fields=${[
      { name: 'supporter_ids', kind: 'checkboxes', numeric: true, label: t('events.staff'), options: sups.data.map((s) => [s.id, s.name]) },
      { name: 'counts.self', kind: 'number', label: t('events.countSelf'), min: 0, max: 10000, inputmode: 'numeric' },
      { name: 'counts.family', kind: 'number', label: t('events.countFamily'), min: 0, max: 10000, inputmode: 'numeric' },
      { name: 'counts.other', kind: 'number', label: t('events.countOther'), min: 0, max: 10000, inputmode: 'numeric' },
    ]}
    transform=${(b) => ({ supporter_ids: b.supporter_ids || [], counts: { self: 0, family: 0, other: 0, ...(b.counts || {}) } })}
    onDone=${() => { announce(t('events.attendanceDone')); onDone(); }} />`;
}

function Registrations({ e }) {
  const r = useLoad(() => api('GET', `/v1/events/${e.id}/registrations`).then((x) => x.registrations || []), [e.id]);
  const [error, setError] = useState(null);
  const cancel = async (id) => {
    setError(null);
    try {
      await api('POST', `/v1/events/${e.id}/registrations/${id}/cancel`);
      announce(t('events.registrationCancelled'));
      r.reload();
    } catch (x) { setError(errorText(x)); }
  };
  return html`<section class="card" aria-labelledby="reg-title">
    <h2 id="reg-title">${t('events.registrations')} <span class="muted">${t('events.capacityN', { n: e.capacity })}</span></h2>
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />` : r.data.length ? html`
      <ol data-testid="registrations">${r.data.map((g) => html`<li>${g.nickname} <${Badge} group="registrationStatus" code=${g.status} />
        ${g.status !== 'cancelled' ? html` <button type="button" class="btn btn-small" onClick=${() => cancel(g.id)}>${t('events.cancelRegistration')}</button>` : null}</li>`)}</ol>`
      : html`<${Empty} />`}
    <${Form} id="registration" headingLevel=${3} title=${t('events.register')} method="POST" path=${`/v1/events/${e.id}/registrations`}
      submitLabel=${t('events.register')} fields=${[
        { name: 'nickname', kind: 'text', label: t('events.nickname'), required: true, maxlength: 50 },
        { name: 'contact', kind: 'text', label: t('events.contact'), maxlength: 200 }]}
      onDone=${(g) => { announce(label('registrationStatus', g.status)); r.reload(); }} />
  </section>`;
}

function Bookings({ e }) {
  const slots = useLoad(() => api('GET', `/v1/events/${e.id}/slots`).then((x) => x.slots || []), [e.id]);
  const reqs = useLoad(() => api('GET', `/v1/booking-requests${qs({ event_id: e.id })}`).then((x) => x.booking_requests || []), [e.id]);
  const [error, setError] = useState(null);
  const allocate = async () => {
    setError(null);
    try {
      const x = await api('POST', `/v1/events/${e.id}/allocate`);
      announce(t('events.allocated', { n: x.placed }));
      reqs.reload();
    } catch (x) { setError(errorText(x)); }
  };
  const startOf = (id) => (slots.data || []).find((s) => s.id === id)?.start || '—';
  if (slots.loading || reqs.loading) return html`<${Loading} />`;
  if (slots.error || reqs.error) return html`<${ErrorBox} error=${slots.error || reqs.error} retry=${() => { slots.reload(); reqs.reload(); }} />`;
  return html`<section class="card" aria-labelledby="slots-title">
    <h2 id="slots-title">${t('events.slots')}</h2>
    ${slots.data.length ? html`<ul data-testid="slots">${slots.data.map((s) => html`<li>${s.start} (${t('events.minutesN', { n: s.minutes })})${s.staff ? ` ${s.staff}` : ''}</li>`)}</ul>` : html`<${Empty} />`}
    <${Form} id="slot" headingLevel=${3} title=${t('events.addSlot')} method="POST" path=${`/v1/events/${e.id}/slots`} submitLabel=${t('events.addSlot')}
      fields=${[{ name: 'start', kind: 'text', label: t('events.start'), required: true, placeholder: '10:00', maxlength: 5 },
        { name: 'minutes', kind: 'number', label: t('events.minutes'), required: true, min: 1, max: 720, default: '45' },
        { name: 'staff', kind: 'text', label: t('events.slotStaff'), maxlength: 200 }]}
      onDone=${() => slots.reload()} />
    <h2>${t('events.requests')}</h2>
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
    ${reqs.data.length ? html`<div class="table-wrap"><table data-testid="booking-requests"><thead><tr>
        <th scope="col">${t('events.nickname')}</th><th scope="col">${t('events.preferences')}</th><th scope="col">${t('events.placedSlot')}</th></tr></thead>
      <tbody>${reqs.data.map((q) => html`<tr><td>${q.nickname}</td><td>${q.preferences.map(startOf).join(' / ')}</td>
        <td>${q.slot_id ? html`${startOf(q.slot_id)} <span class="muted">${t('events.rank', { n: q.preference_rank })}</span>`
          : html`<${Badge} group="bookingStatus" code=${q.status} />`}</td></tr>`)}</tbody></table></div>` : html`<${Empty} />`}
    <p class="actions"><button type="button" class="btn btn-primary" onClick=${allocate} disabled=${!reqs.data.length}>${t('events.allocate')}</button></p>
    ${slots.data.length ? html`<${Form} id="booking" headingLevel=${3} title=${t('events.addRequest')} method="POST" path="/v1/booking-requests"
      submitLabel=${t('events.addRequest')} fields=${[
        { name: 'nickname', kind: 'text', label: t('events.nickname'), required: true, maxlength: 50 },
        { name: 'p1', kind: 'select', numeric: true, label: t('events.choice', { n: 1 }), required: true, options: slots.data.map((s) => [s.id, s.start]) },
        { name: 'p2', kind: 'select', numeric: true, label: t('events.choice', { n: 2 }), options: slots.data.map((s) => [s.id, s.start]) },
        { name: 'p3', kind: 'select', numeric: true, label: t('events.choice', { n: 3 }), options: slots.data.map((s) => [s.id, s.start]) }]}
      transform=${(b) => ({ event_id: e.id, nickname: b.nickname, preferences: [b.p1, b.p2, b.p3].filter((x) => x !== undefined) })}
      onDone=${() => reqs.reload()} />` : null}
  </section>`;
}

export function EventDetail({ params }) {
  const r = useLoad(() => api('GET', `/v1/events/${params.id}`), [params.id]);
  const [cancelling, setCancelling] = useState(false);
  if (r.loading) return html`<${Loading} />`;
  if (r.error) return html`<${ErrorBox} error=${r.error} retry=${r.reload} />`;
  const e = r.data;
  const open = e.status !== 'cancelled';
  return html`
    <${PageTitle} sub=${label('eventKind', e.kind)}>${e.title}</${PageTitle}>
    <dl class="card facts" data-testid="event-facts">
      <dt>${t('events.date')}</dt><dd>${fmtDate(e.date)} ${e.start}（${t('events.minutesN', { n: e.minutes })}）</dd>
      <dt>${t('events.place')}</dt><dd>${e.place || '—'}</dd>
      <dt>${t('events.capacity')}</dt><dd>${e.capacity ?? '—'}</dd>
      <dt>${t('events.status')}</dt><dd><${Badge} group="eventStatus" code=${e.status} />${e.cancel_reason ? ` ${e.cancel_reason}` : ''}</dd>
      <dt>${t('events.staff')}</dt><dd>${(e.staff || []).filter((s) => s.attended).map((s) => `#${s.supporter_id} ${yen(s.paid_yen)}`).join('、') || '—'}</dd>
      <dt>${t('events.counts')}</dt><dd>${e.counts ? t('events.countsText', e.counts) : '—'}</dd>
    </dl>
    ${open && e.date <= todayISO() ? html`<section class="card"><${Attendance} e=${e} onDone=${r.reload} /></section>` : null}
    ${e.capacity && open ? html`<${Registrations} e=${e} />` : null}
    ${e.kind === 'consultation_day' && open ? html`<${Bookings} e=${e} />` : null}
    ${open ? html`<p class="actions"><button type="button" class="btn btn-danger" aria-expanded=${cancelling} aria-controls="event-cancel"
        onClick=${() => setCancelling(!cancelling)}>${t('events.cancel')}</button></p>
      ${cancelling ? html`<div id="event-cancel"><${StepForm} id="event-cancel-form" title=${t('events.cancel')} path=${`/v1/events/${e.id}/cancel`}
        submitLabel=${t('events.cancel')} fields=${[{ name: 'reason', kind: 'textarea', label: t('events.reason'), required: true, maxlength: 500, rows: 2 }]}
        onDone=${() => { setCancelling(false); announce(t('events.cancelled')); r.reload(); }} /></div>` : null}` : null}
    <p><${Link} href="/app/events">${t('events.back')}</${Link}></p>`;
}
