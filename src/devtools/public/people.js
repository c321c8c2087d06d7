import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { html } from './html.js';

/** Whom to chat as: the demo roster, searched by name or userid, with branch and roles. */

const DEBOUNCE_MS = 200;

/** Someone in the corp but on no Party roster: the stand-in adds them to the app's visibility first. */
function ResidentForm({ onSelect }) {
  const [userId, setUserId] = useState('');
  const [error, setError] = useState(null);
  const start = async (event) => {
    event.preventDefault();
    const id = userId.trim();
    if (!id) return;
    try {
      await api.resident(id);
      setError(null);
      onSelect({ userId: id, name: `居民 ${id}`, branch: null, roles: ['不在名册'] });
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<form class="resident-form" onSubmit=${start}>
    <label for="resident-id">以不在名册上的居民身份聊天（输入账号，如 zhangdama）</label>
    <div class="composer-row">
      <input id="resident-id" autocomplete="off" value=${userId} onInput=${(e) => setUserId(e.currentTarget.value)} />
      <button type="submit">开始</button>
    </div>
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </form>`;
}

export function PeoplePicker({ selected, onSelect, onPeople }) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState({ state: 'loading', people: [] });

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(async () => {
      try {
        const { people } = await api.people(query.trim());
        if (stale) return;
        setResult({ state: 'ready', people });
        onPeople(people);
      } catch (error) {
        if (!stale) setResult({ state: 'failed', people: [], error: error.message });
      }
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, onPeople]);

  return html`<div class="people">
    <h2>选择成员</h2>
    <label for="people-search">按姓名或账号查找</label>
    <input
      id="people-search"
      type="search"
      autocomplete="off"
      value=${query}
      onInput=${(event) => setQuery(event.currentTarget.value)}
    />
    ${result.state === 'loading' && html`<p class="muted" role="status">正在查找…</p>`}
    ${result.state === 'failed' && html`<p class="error" role="alert">查找失败：${result.error}</p>`}
    ${
      result.state === 'ready' &&
      result.people.length === 0 &&
      html`<p class="muted" role="status">
        ${query.trim() ? `没有找到「${query.trim()}」` : '还没有成员：请先导入名册。'}
      </p>`
    }
    <ul class="people-list" aria-label="成员">
      ${result.people.map(
        (p) => html`<li key=${p.userId}>
          <button
            type="button"
            class="person"
            aria-pressed=${selected?.userId === p.userId ? 'true' : 'false'}
            onClick=${() => onSelect(p)}
          >
            <span class="person-name">${p.name}</span>
            <span class="person-id">${p.userId}</span>
            <span class="person-detail">
              ${p.branch && html`<span class="branch">${p.branch}</span>`}
              ${p.roles.map((r) => html`<span class="role">${r}</span>`)}
            </span>
          </button>
        </li>`,
      )}
    </ul>
    <${ResidentForm} onSelect=${onSelect} />
  </div>`;
}
