// The console's shell: checks the key (GET /auth/whoami), asks for one when the server needs it, then shows the page
// the URL's hash names. Pages live in pages/, one module each; they talk to the server only through api.js.
import { html, render } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, keyStore, onUnauthorized } from './api.js';
import { metricsHistory } from './metrics.js';
import { ErrorBox } from './ui.js';
import { OverviewPage } from './pages/overview.js';
import { LogPage } from './pages/log.js';
import { StreamsPage, StreamPage } from './pages/streams.js';
import { ViewsPage } from './pages/views.js';
import { QueryPage } from './pages/query.js';
import { AppendPage } from './pages/append.js';

const PAGES = [
  { path: 'overview', title: 'Overview', component: OverviewPage },
  { path: 'log', title: 'Log', component: LogPage },
  { path: 'streams', title: 'Streams', component: StreamsPage },
  { path: 'views', title: 'Views', component: ViewsPage },
  { path: 'query', title: 'Query explorer', component: QueryPage },
  { path: 'append', title: 'Append', component: AppendPage },
];

function currentRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const page = PAGES.find((p) => p.path === parts[0]) ?? PAGES[0];
  if (page.path === 'streams' && parts[1]) return { page, title: `Stream ${parts[1]}`, component: StreamPage, args: parts.slice(1) };
  return { page, title: page.title, component: page.component, args: parts.slice(1) };
}

function KeyPrompt({ onAccepted, reason }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState(reason);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const who = await api('/auth/whoami', { key: key.trim() });
      keyStore.set(key.trim());
      onAccepted(who);
    } catch (err) {
      setError(err.status === 401 ? Object.assign(err, { message: 'the server refused this key' })
        : err.status === 403 ? Object.assign(err, { message: 'this key lacks the read scope the console needs' }) : err);
    } finally {
      setBusy(false);
    }
  };
  return html`<main id="main" class="login">
    <h1>Sluice console</h1>
    <p>This server needs an API key. It is kept for this browser tab only (sessionStorage) and sent as
      <code>Authorization: Bearer</code>, never in a URL.</p>
    <form onSubmit=${submit}>
      <label for="api-key">API key</label>
      <input id="api-key" name="api-key" type="password" autocomplete="off" required value=${key} onInput=${(e) => setKey(e.target.value)} />
      <button type="submit" disabled=${busy}>Sign in</button>
    </form>
    <${ErrorBox} error=${error} />
  </main>`;
}

function Shell({ who, onSignOut }) {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${route.title} · Sluice console`;
  }, [route]);
  const Page = route.component;
  return html`
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
    <header class="top">
      <span class="brand">Sluice</span>
      <nav aria-label="Console pages">
        <ul>${PAGES.map((p) => html`<li><a href=${`#/${p.path}`} aria-current=${p === route.page ? 'page' : undefined}>${p.title}</a></li>`)}</ul>
      </nav>
      <span class="who">${who.keysRequired ? html`${who.id} (${who.scopes.join(', ')}) <button type="button" class="link" onClick=${onSignOut}>Sign out</button>` : 'no keys configured'}</span>
    </header>
    <main id="main" tabindex="-1">
      <h1>${route.title}</h1>
      <${Page} who=${who} args=${route.args} key=${location.hash} />
    </main>`;
}

function App() {
  const [state, setState] = useState({ phase: 'checking' });
  const check = async () => {
    const hadKey = keyStore.get() !== null;
    try {
      setState({ phase: 'ready', who: await api('/auth/whoami') });
    } catch (err) {
      if (err.status === 401 || err.status === 403) {
        keyStore.clear();
        const reason = err.status === 403 ? 'this key lacks the read scope the console needs' : hadKey ? 'the server no longer accepts this key' : undefined;
        setState({ phase: 'key', reason: reason === undefined ? undefined : Object.assign(err, { message: reason }) });
      } else {
        setState({ phase: 'error', error: err });
      }
    }
  };
  useEffect(() => {
    void check();
    return onUnauthorized((err) => {
      keyStore.clear();
      metricsHistory.stop();
      setState({ phase: 'key', reason: Object.assign(err, { message: 'the server no longer accepts this key' }) });
    });
  }, []);
  if (state.phase === 'checking') return html`<p class="boot">Connecting…</p>`;
  if (state.phase === 'error') return html`<main id="main"><h1>Sluice console</h1><${ErrorBox} error=${state.error} /><button type="button" onClick=${check}>Retry</button></main>`;
  if (state.phase === 'key') return html`<${KeyPrompt} reason=${state.reason} onAccepted=${(who) => setState({ phase: 'ready', who })} />`;
  const signOut = () => {
    keyStore.clear();
    metricsHistory.stop();
    setState({ phase: 'key' });
  };
  return html`<${Shell} who=${state.who} onSignOut=${signOut} />`;
}

render(html`<${App} />`, document.getElementById('app'));
