// Notices (issue 17, docs/api.md "Notices"): the caller's own notices,
// newest first, each with 既読にする; the header's bell shows the unread
// count (js/core.js).  A notice says only what to look at: no names, no
// case contents.  An administrator also sees the mail that could not be
// sent yet (GET /v1/mail-outbox?status=failed): when it is tried again and
// why it failed.
import {
  html, useState, t, api, session, PageTitle, Loading, ErrorBox, Empty, useLoad, announce, errorText,
  setUnreadNotices, fmtDate, fmtDateTime,
} from './core.js';

function FailedMail() {
  const r = useLoad(() => api('GET', '/v1/mail-outbox?status=failed').then((x) => x.messages || []), []);
  return html`<section class="card" aria-labelledby="mail-h" data-testid="failed-mail">
    <h2 id="mail-h">${t('notices.failedMail')}</h2>
    ${r.loading ? html`<${Loading} />` : r.error ? html`<${ErrorBox} error=${r.error} retry=${r.reload} />`
      : !r.data.length ? html`<${Empty}>${t('notices.noFailedMail')}</${Empty}>`
      : html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('notices.address')}</th><th scope="col" class="num">${t('notices.attempts')}</th>
          <th scope="col">${t('notices.nextAttempt')}</th><th scope="col">${t('notices.lastError')}</th></tr></thead>
        <tbody>${r.data.map((m) => html`<tr data-testid="failed-message">
          <td>${m.address}</td><td class="num">${m.attempts}</td>
          <td>${m.next_attempt_at ? fmtDateTime(m.next_attempt_at) : '—'}</td><td>${m.last_error || '—'}</td></tr>`)}</tbody>
      </table></div>`}
  </section>`;
}

export function Notices() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(0);
  const { loading, data, error: loadError, reload } = useLoad(
    () => api('GET', `/v1/notices?limit=100${unreadOnly ? '&unread=true' : ''}`), [unreadOnly]);
  if (data) setUnreadNotices(data.unread_count || 0);
  const markRead = async (id) => {
    setBusy(id);
    setError(null);
    try {
      await api('POST', `/v1/notices/${id}/read`);
      announce(t('notices.marked'));
      reload();
    } catch (err) {
      setError(errorText(err));
    }
    setBusy(0);
  };
  return html`
    <${PageTitle}>${t('notices.title')}</${PageTitle}>
    <p><label class="check"><input type="checkbox" checked=${unreadOnly}
      onChange=${(e) => setUnreadOnly(e.currentTarget.checked)} /> ${t('notices.unreadOnly')}</label></p>
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
    ${loadError ? html`<${ErrorBox} error=${loadError} retry=${reload} />`
      : loading && !data ? html`<${Loading} />`
      : !data.notices.length ? html`<${Empty}>${t('notices.empty')}</${Empty}>`
      : html`<ul class="notice-list card" data-testid="notice-list">${data.notices.map((n) => html`
        <li class=${n.read_at ? 'read' : 'unread'} data-testid="notice">
          <span><span class="notice-text">${n.message}</span><br />
            <span class="hint">${t('notices.on', { date: fmtDate(n.created_on) })}</span></span>
          ${n.read_at ? html`<span class="hint">${t('notices.read')}</span>`
            : html`<button type="button" class="btn" disabled=${busy === n.id}
                onClick=${() => markRead(n.id)}>${t('notices.markRead')}</button>`}
        </li>`)}</ul>`}
    ${session.role === 'admin' ? html`<${FailedMail} />` : null}`;
}
