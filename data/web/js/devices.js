// Remembered devices (issue 15, docs/api.md "Remembered devices"): the
// supporter's or host's page 「記憶している端末」 — remember this phone with a
// PIN, see the phones remembered, forget this one or revoke a lost one — and
// the same list for staff on a supporter's or host's page.
import {
  html, useState, useRef, t, api, qs, session, PageTitle, Loading, ErrorBox, Empty, Field, useLoad, fmtDateTime,
  announce, fieldErrors, errorText, deviceFacts, rememberDevice, forgetThisDevice,
} from './core.js';
import { CalendarFeeds } from './visits.js';

// A default label for this phone: the platform's name as the browser tells it.
function platformName() {
  const ua = navigator.userAgent || '';
  const p = navigator.userAgentData?.platform;
  if (p) return p;
  if (/iPhone/.test(ua)) return 'iPhone';
  if (/iPad/.test(ua)) return 'iPad';
  if (/Android/.test(ua)) return 'Android';
  if (/Windows/.test(ua)) return 'Windows';
  if (/Mac OS X/.test(ua)) return 'Mac';
  if (/Linux/.test(ua)) return 'Linux';
  return t('device.defaultLabel');
}

function thisDevice() {
  const f = deviceFacts();
  return f && f.login === session.login ? f : null;
}

// 「この端末を記憶する」: a label and the PIN twice; the server's refusals of
// the PIN (Japanese) next to the field.
export function RememberForm({ onDone }) {
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState(platformName);
  const formRef = useRef(null);
  const focusFirst = () => setTimeout(() => formRef.current?.querySelector('[aria-invalid="true"]')?.focus(), 0);
  const onSubmit = async (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    setError(null);
    const errs = {};
    if (!f.label.value.trim()) errs.label = t('device.err.label');
    if (f.pin.value !== f.pin_confirm.value) errs.pin_confirm = t('device.err.confirm');
    setErrors(errs);
    if (Object.keys(errs).length) { focusFirst(); return; }
    setBusy(true);
    try {
      const d = await rememberDevice(f.label.value.trim(), f.pin.value);
      setBusy(false);
      announce(t('device.remembered', { label: d.label }));
      onDone(d);
    } catch (err) {
      setBusy(false);
      const fe = fieldErrors(err);
      setErrors(fe);
      if (Object.keys(fe).length) {
        f.pin.value = '';
        f.pin_confirm.value = '';
        focusFirst();
      } else setError(errorText(err));
    }
  };
  const inv = (n) => (errors[n] ? 'true' : undefined);
  const desc = (n, hint) => [hint ? `${n}-hint` : null, errors[n] ? `${n}-error` : null].filter(Boolean).join(' ') || undefined;
  return html`<form class="form" id="device-remember" ref=${formRef} onSubmit=${onSubmit} novalidate>
    <${Field} id="label" label=${t('device.label')} hint=${t('device.labelHint')} error=${errors.label}>
      <input id="label" name="label" maxlength="64" value=${name} required
        onInput=${(e) => setName(e.currentTarget.value)}
        aria-invalid=${inv('label')} aria-describedby=${desc('label', true)} />
    </${Field}>
    <${Field} id="pin" label=${t('device.newPin')} hint=${t('device.pinHint')} error=${errors.pin}>
      <input id="pin" name="pin" type="password" inputmode="numeric" pattern="[0-9]*" autocomplete="new-password"
        maxlength="8" required class="pin-input" aria-invalid=${inv('pin')} aria-describedby=${desc('pin', true)} />
    </${Field}>
    <${Field} id="pin_confirm" label=${t('device.pinAgain')} error=${errors.pin_confirm}>
      <input id="pin_confirm" name="pin_confirm" type="password" inputmode="numeric" pattern="[0-9]*"
        autocomplete="new-password" maxlength="8" required class="pin-input"
        aria-invalid=${inv('pin_confirm')} aria-describedby=${desc('pin_confirm')} />
    </${Field}>
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
    <button class="btn btn-primary" type="submit" disabled=${busy}>${t('device.remember')}</button>
  </form>`;
}

// The devices of `query` ({} for one's own, {supporter_id} or {host_id} for
// staff); `canRevoke` false for an auditor.
function DeviceList({ query, own, onForgotThis, canRevoke = true }) {
  const list = useLoad(() => api('GET', `/v1/auth/devices${qs(query)}`).then((r) => r.devices || []), [JSON.stringify(query)]);
  const [msg, setMsg] = useState(null);
  const mine = own ? thisDevice() : null;
  const revoke = async (d) => {
    setMsg(null);
    try {
      if (mine && mine.id === d.id) {
        await forgetThisDevice();
        if (onForgotThis) onForgotThis();
      } else await api('DELETE', `/v1/auth/devices/${d.id}`);
      const text = t('device.revokedOne', { label: d.label });
      setMsg({ kind: 'ok', text });
      announce(text);
      list.reload();
    } catch (err) {
      setMsg({ kind: 'error', text: errorText(err) });
    }
  };
  if (list.loading) return html`<${Loading} />`;
  if (list.error) return html`<${ErrorBox} error=${list.error} retry=${list.reload} />`;
  return html`
    ${msg ? html`<div class=${`alert alert-${msg.kind}`} role=${msg.kind === 'error' ? 'alert' : 'status'}><p>${msg.text}</p></div>` : null}
    ${list.data.length ? html`<ul class="list device-list" data-testid="devices">
      ${list.data.map((d) => {
        const here = mine && mine.id === d.id;
        return html`<li class="list-item" data-device=${d.id}>
          <p><strong>${d.label}</strong>${here ? html` <span class="badge badge-this">${t('device.thisOne')}</span>` : null}</p>
          <p class="muted">${t('device.created', { at: fmtDateTime(d.created_at) })}・${d.last_used_at
            ? t('device.lastUsed', { at: fmtDateTime(d.last_used_at) }) : t('device.neverUsed')}</p>
          ${canRevoke ? html`<p><button type="button" class=${`btn${here ? '' : ' btn-danger'}`} onClick=${() => revoke(d)}
            aria-label=${here ? undefined : t('device.revokeNamed', { label: d.label })}>${here ? t('device.forgetThis') : t('device.revoke')}</button></p>` : null}
        </li>`;
      })}</ul>` : html`<${Empty}>${t('device.none')}</${Empty}>`}`;
}

// /app/devices: the supporter's or host's own phones.
export function Devices() {
  const [, setTick] = useState(0);
  const [done, setDone] = useState(null);
  const [key, setKey] = useState(0);
  const again = () => { setTick((x) => x + 1); setKey((x) => x + 1); };
  const mine = thisDevice();
  return html`
    <${PageTitle}>${t('device.title')}</${PageTitle}>
    ${done ? html`<div class="alert alert-ok" role="status"><p>${done}</p></div>` : null}
    <section class="card" aria-labelledby="this-device">
      <h2 id="this-device">${t('device.thisTitle')}</h2>
      ${mine ? html`<p>${t('device.isRemembered', { label: mine.label })}</p>
          <p class="hint">${t('device.changePin')}</p>
          <p><button type="button" class="btn" onClick=${async () => {
            await forgetThisDevice();
            setDone(t('device.forgotten'));
            announce(t('device.forgotten'));
            again();
          }}>${t('device.forgetThis')}</button></p>`
        : session.via === 'password' ? html`<p>${t('device.offerText')}</p>
          <${RememberForm} onDone=${(d) => { setDone(t('device.remembered', { label: d.label })); again(); }} />`
        : html`<p>${t('device.needPassword')}</p>`}
    </section>
    <section class="card" aria-labelledby="all-devices">
      <h2 id="all-devices">${t('device.listTitle')}</h2>
      <${DeviceList} key=${key} query=${{}} own=${true} onForgotThis=${() => { setDone(t('device.forgotten')); again(); }} />
    </section>
    <${CalendarFeeds} />`;
}

// For staff: a supporter's (`{supporter_id}`) or host's (`{host_id}`) phones.
export function DeviceSection({ query }) {
  return html`<section class="card" aria-labelledby="devices-title">
    <h2 id="devices-title">${t('device.title')}</h2>
    <p class="hint">${t('device.staffHint')}</p>
    <${DeviceList} query=${query} canRevoke=${session.role !== 'auditor'} />
  </section>`;
}
