// Notices (issue 17, docs/api.md "Notices"): the caller's own notices,
// newest first, each with 既読にする; the header's bell shows the unread
// count (js/core.js).  A notice says only what to look at: no names, no
// case contents.
import {
  html, useState, t, api, PageTitle, Loading, ErrorBox, Empty, useLoad, announce, errorText,
  setUnreadNotices, fmtDate,
} from './core.js';

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
        </li>`)}</ul>`}`;
}
