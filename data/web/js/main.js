// Entry point: messages, the route table (pages load on demand per role), the
// sign-in page, the outbox's automatic sending and the service worker.
import {
  html, useState, useEffect, useRef, t, loadMessages, start, session, loggedIn, login, homeFor, navigate,
  matchRoute, Frame, PageTitle, Loading, ErrorBox, Field, Link, takeNotice, errorText, announce, api, setNavBadge,
  ApiError, deviceFacts, pinLogin, enterOffline, leaveOffline, refresh, setUnreadNotices,
} from './core.js';
import * as outbox from './outbox.js';

const STAFF = ['coordinator', 'admin'];
const AUDIT = ['auditor', 'admin'];
const EVERYONE = ['supporter', 'host', 'coordinator', 'admin', 'auditor'];

const ROUTES = [
  { path: '/app/login', page: () => LoginPage, public: true },
  { path: '/app/home', mod: 'supporter', name: 'Home', roles: ['supporter'] },
  { path: '/app/report', mod: 'supporter', name: 'Report', roles: ['supporter'] },
  { path: '/app/my-statements', mod: 'statement', name: 'MyStatements', roles: ['supporter'] },
  { path: '/app/supporters', mod: 'coordinator', name: 'Supporters', roles: STAFF },
  { path: '/app/supporters/new', mod: 'coordinator', name: 'SupporterNew', roles: STAFF },
  { path: '/app/supporters/:id', mod: 'coordinator', name: 'SupporterDetail', roles: STAFF },
  { path: '/app/training', mod: 'coordinator', name: 'Courses', roles: STAFF },
  { path: '/app/training/:id', mod: 'coordinator', name: 'CourseDetail', roles: STAFF },
  { path: '/app/cases', mod: 'cases', name: 'Cases', roles: STAFF },
  { path: '/app/cases/new', mod: 'cases', name: 'CaseNew', roles: STAFF },
  { path: '/app/cases/:id', mod: 'cases', name: 'CaseDetail', roles: STAFF },
  { path: '/app/cases/:id/candidates', mod: 'cases', name: 'Candidates', roles: STAFF },
  { path: '/app/contacts', mod: 'contacts', name: 'Contacts', roles: STAFF },
  { path: '/app/consultees/:id', mod: 'contacts', name: 'ConsulteeDetail', roles: STAFF },
  { path: '/app/dispatch', mod: 'dispatch', name: 'Dispatch', roles: ['coordinator'] },
  { path: '/app/matching', mod: 'cases', name: 'Batch', roles: STAFF },
  { path: '/app/approvals', mod: 'money', name: 'Approvals', roles: STAFF },
  { path: '/app/statements', mod: 'money', name: 'Statements', roles: STAFF },
  { path: '/app/hosts', mod: 'hosts', name: 'Hosts', roles: STAFF },
  { path: '/app/hosts/new', mod: 'hosts', name: 'HostNew', roles: STAFF },
  { path: '/app/hosts/:id', mod: 'hosts', name: 'HostDetail', roles: STAFF },
  { path: '/app/placements', mod: 'hosts', name: 'Placements', roles: STAFF },
  { path: '/app/host', mod: 'host', name: 'HostHome', roles: ['host'] },
  { path: '/app/events', mod: 'events', name: 'Events', roles: STAFF },
  { path: '/app/events/:id', mod: 'events', name: 'EventDetail', roles: STAFF },
  { path: '/app/devices', mod: 'devices', name: 'Devices', roles: ['supporter', 'host'] },
  { path: '/app/calendar', mod: 'visits', name: 'MyCalendar', roles: STAFF },
  { path: '/app/organisations', mod: 'admin', name: 'Organisations', roles: ['admin'] },
  { path: '/app/users', mod: 'admin', name: 'Users', roles: ['admin'] },
  { path: '/app/settings/rates', mod: 'admin', name: 'Rates', roles: ['admin'] },
  { path: '/app/settings/budgets', mod: 'admin', name: 'Budgets', roles: ['admin'] },
  { path: '/app/compliance', mod: 'auditor', name: 'Compliance', roles: AUDIT },
  { path: '/app/payments', mod: 'auditor', name: 'Payments', roles: AUDIT },
  { path: '/app/audit-log', mod: 'auditor', name: 'AuditLog', roles: AUDIT },
  { path: '/app/statistics', mod: 'statistics', name: 'Statistics', roles: ['coordinator', 'auditor', 'admin'] },
  { path: '/app/notices', mod: 'notices', name: 'Notices', roles: EVERYONE },
];

const modules = new Map();
function loadModule(name) {
  if (!modules.has(name)) modules.set(name, import(`./${name}.js`));
  return modules.get(name);
}

function Lazy({ route, params }) {
  const [mod, setMod] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let live = true;
    loadModule(route.mod).then((m) => live && setMod(m), (e) => live && setError(e));
    return () => { live = false; };
  }, [route.mod]);
  if (error) return html`<${ErrorBox} error=${error} retry=${() => location.reload()} />`;
  if (!mod) return html`<${Loading} />`;
  const Page = mod[route.name];
  return html`<${Page} params=${params} />`;
}

// The count of open incoming dispatch requests next to 派遣依頼 in a
// coordinator's navigation; the dispatch page updates it after each change.
function loadBadges() {
  // The bell: the caller's unread notices (issue 17), every role.
  if (loggedIn() && !session.offline) {
    api('GET', '/v1/notices?unread=true&limit=1').then((x) => setUnreadNotices(x.unread_count || 0),
      () => { /* no count */ });
  }
  if (!loggedIn() || session.role !== 'coordinator') return;
  api('GET', '/v1/dispatch-requests?direction=incoming').then((x) => {
    const n = (x.dispatch_requests || []).filter((d) => d.status === 'open').length;
    setNavBadge('/app/dispatch', x.next_cursor && n ? `${n}+` : n);
  }, () => { /* no count; the page itself shows the error */ });
}

function NotFound() {
  return html`<${PageTitle}>${t('error.notFoundTitle')}</${PageTitle}>
    <p><${Link} class="link-tap" href=${homeFor(session.role)}>${t('common.backHome')}</${Link}></p>`;
}

function Forbidden() {
  return html`<${PageTitle}>${t('error.forbiddenTitle')}</${PageTitle}>
    <p>${t('error.forbidden')}</p>
    <p><${Link} class="link-tap" href=${homeFor(session.role)}>${t('common.backHome')}</${Link}></p>`;
}

// After a sign-in (password or PIN): back to the page that asked, or home.
function signedIn() {
  let back = null;
  try {
    back = sessionStorage.getItem('ts.return');
    sessionStorage.removeItem('ts.return');
  } catch { /* none */ }
  announce(t('login.done'));
  outbox.flush();
  loadBadges();
  const target = back && matchRoute(ROUTES, back.split('?')[0]);
  navigate(target && !target.route.public && target.route.roles.includes(session.role) ? back : homeFor(session.role),
    { replace: true });
}

function PasswordForm({ notice }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const onSubmit = async (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await login(f.login.value.trim(), f.password.value);
      signedIn();
    } catch (err) {
      setBusy(false);
      setError(err.code === 'invalid_credentials' ? t('login.invalid') : errorText(err));
    }
  };
  return html`
    <${PageTitle}>${t('login.title')}</${PageTitle}>
    ${notice ? html`<div class="alert alert-warn" role="status"><p>${t(notice)}</p></div>` : null}
    <form class="card form narrow" onSubmit=${onSubmit} novalidate>
      <${Field} id="login" label=${t('login.login')}>
        <input id="login" name="login" autocomplete="username" required autocapitalize="none" spellcheck="false" />
      </${Field}>
      <${Field} id="password" label=${t('login.password')}>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
      </${Field}>
      ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
      <button class="btn btn-primary btn-block" type="submit" disabled=${busy}>${busy ? t('login.busy') : t('login.submit')}</button>
    </form>
    <p class="hint center">${t('login.privacy')}</p>`;
}

// A remembered phone (docs/api.md "Remembered devices", step 3): the PIN
// alone; offline, a supporter may write reports that wait for the PIN.
function PinForm({ facts, notice, onPassword, onRevoked }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [noNetwork, setNoNetwork] = useState(false);
  const input = useRef(null);
  const submit = async (pin) => {
    setBusy(true);
    setError(null);
    try {
      await pinLogin(pin);
      signedIn();
    } catch (err) {
      setBusy(false);
      if (err instanceof TypeError) {
        setNoNetwork(true);
        setError(t('device.pinNoNetwork'));
      } else if (err.code === 'invalid_pin') {
        setError(t('device.pinWrong', { n: err.problem.attempts_left ?? '?' }));
      } else if (err.code === 'device_revoked' || err.code === 'unauthorized') {
        onRevoked();
        return;
      } else if (err.status === 429) {
        setError(t('device.pinBusy'));
        setTimeout(() => submit(pin), Math.max(1, err.retryAfter || 1) * 1000);
        setBusy(true);
        return;
      } else {
        setError(errorText(err));
      }
      if (input.current) {
        input.current.value = '';
        input.current.focus();
      }
    }
  };
  const onSubmit = (e) => {
    e.preventDefault();
    submit(e.currentTarget.pin.value);
  };
  const offline = () => {
    if (enterOffline()) navigate('/app/report', { replace: true });
  };
  return html`
    <${PageTitle} sub=${t('device.pinFor', { label: facts.label, login: facts.login })}>${t('device.pinTitle')}</${PageTitle}>
    ${notice ? html`<div class="alert alert-warn" role="status"><p>${t(notice)}</p></div>` : null}
    <form class="card form narrow" onSubmit=${onSubmit} novalidate data-testid="pin-form">
      <div class=${`field${error ? ' field-error' : ''}`}>
        <label for="pin">${t('device.pin')}</label>
        <input id="pin" name="pin" ref=${input} type="password" inputmode="numeric" pattern="[0-9]*" autocomplete="off"
          minlength="4" maxlength="8" required class="pin-input" aria-invalid=${error && !noNetwork ? 'true' : undefined}
          aria-describedby=${error ? 'pin-error' : undefined} />
        ${error ? html`<p class="error-text" id="pin-error" role="alert">${error}</p>` : null}
      </div>
      <button class="btn btn-primary btn-block" type="submit" disabled=${busy}>${busy ? t('login.busy') : t('device.pinSubmit')}</button>
    </form>
    ${noNetwork && facts.role === 'supporter' ? html`<div class="card narrow" data-testid="offline-offer">
      <p>${t('device.offlineOffer')}</p>
      <p><button type="button" class="btn btn-block" onClick=${offline}>${t('device.offlineGo')}</button></p>
    </div>` : null}
    <p class="center"><button type="button" class="btn btn-link" onClick=${onPassword}>${t('device.usePassword')}</button></p>`;
}

function LoginPage() {
  const [notice, setNotice] = useState(() => takeNotice());
  const [facts, setFacts] = useState(() => deviceFacts());
  const [password, setPassword] = useState(false);
  if (facts && !password) {
    return html`<${PinForm} facts=${facts} notice=${notice}
      onPassword=${() => { leaveOffline(); setPassword(true); refresh(); }}
      onRevoked=${() => { leaveOffline(); setFacts(null); setNotice('device.revoked'); refresh(); }} />`;
  }
  return html`<${PasswordForm} key=${notice || ''} notice=${notice} />`;
}

function resolve(path) {
  if (path === '/' || path === '/app' || path === '/app/') {
    const to = loggedIn() ? homeFor(session.role) : '/app/login';
    history.replaceState(null, '', to);
    path = to;
  }
  const m = matchRoute(ROUTES, path);
  let page;
  if (!m) page = html`<${NotFound} />`;
  else if (m.route.public) {
    if (loggedIn() && !session.offline && m.route.path === '/app/login') {
      history.replaceState(null, '', homeFor(session.role));
      return resolve(homeFor(session.role));
    }
    const P = m.route.page();
    page = html`<${P} />`;
  } else if (!loggedIn()) {
    try { sessionStorage.setItem('ts.return', path + location.search); } catch { /* none */ }
    history.replaceState(null, '', '/app/login');
    return resolve('/app/login');
  } else if (!m.route.roles.includes(session.role)) page = html`<${Forbidden} />`;
  else page = html`<${Lazy} key=${m.route.path} route=${m.route} params=${m.params} />`;
  return html`<${Frame}>${page}</${Frame}>`;
}

async function boot() {
  await loadMessages();
  start(resolve);
  addEventListener('online', () => outbox.flush());
  // A phone let in offline says when the PIN can be checked again.
  for (const ev of ['online', 'offline']) addEventListener(ev, () => { if (session.offline) refresh(); });
  if (loggedIn() && session.role === 'supporter') outbox.flush();
  loadBadges();
  // The service worker keeps the page usable offline; registered after the
  // page has loaded so that it never competes with the first paint.
  if ('serviceWorker' in navigator) {
    const register = () => setTimeout(() => navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {}), 1000);
    if (document.readyState === 'complete') register();
    else addEventListener('load', register);
  }
}

boot();
