import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, watchSentMessages } from './api.js';
import { Chat } from './chat.js';
import { html } from './html.js';
import { LogPanel } from './log-panel.js';
import { PeoplePicker } from './people.js';
import { TimeMachine } from './time-machine.js';

/** The local chat simulator: pick a member, chat as them, watch what the bot sends to everyone. */

const PANES = [
  { id: 'people', label: '选人' },
  { id: 'chat', label: '聊天' },
  { id: 'log', label: '全部消息' },
  { id: 'time', label: '时光机' },
];

const FEED_STATUS = {
  connecting: '正在连接…',
  live: '实时更新中',
  reconnecting: '连接中断，正在重连…',
  closed: '已断开',
};

let nextOutgoingId = 0;

function App({ config }) {
  const [records, setRecords] = useState([]);
  const [feed, setFeed] = useState('connecting');
  const [people, setPeople] = useState(() => new Map());
  const [person, setPerson] = useState(null);
  const [outgoing, setOutgoing] = useState({});
  const [presses, setPresses] = useState({});
  const [pane, setPane] = useState('people');

  useEffect(
    () =>
      watchSentMessages(
        config.standinUrl,
        (incoming) =>
          setRecords((current) => {
            const known = new Set(current.map((r) => r.msgid));
            const fresh = incoming.filter((r) => !known.has(r.msgid));
            return fresh.length === 0 ? current : [...current, ...fresh].sort((a, b) => a.seq - b.seq);
          }),
        setFeed,
      ),
    [config.standinUrl],
  );

  // Names for recipient ids: the roster's first page at start, then whatever searches find.
  const rememberPeople = useCallback(
    (found) => setPeople((current) => new Map([...current, ...found.map((p) => [p.userId, p])])),
    [],
  );
  useEffect(() => {
    api
      .people('')
      .then(({ people }) => rememberPeople(people))
      .catch(() => {}); // the picker shows the same failure
  }, [rememberPeople]);

  const choose = (p) => {
    setPerson(p);
    setPane('chat');
  };

  const updateOutgoing = (userId, id, patch) =>
    setOutgoing((all) => ({
      ...all,
      [userId]: (all[userId] ?? []).map((item) => (item.id === id ? { ...item, ...patch } : item)),
    }));

  /** Shows what the person did (`text`) in the chat and plays it through the webhook with `call`. */
  const act = async (text, call) => {
    const { userId } = person;
    const id = `out-${nextOutgoingId++}`;
    const item = { id, text, at: new Date().toISOString(), state: 'sending' };
    setOutgoing((all) => ({ ...all, [userId]: [...(all[userId] ?? []), item] }));
    try {
      const { status } = await call(userId);
      updateOutgoing(
        userId,
        id,
        status === 200 ? { state: 'sent' } : { state: 'failed', error: `回调 HTTP ${status}` },
      );
    } catch (error) {
      updateOutgoing(userId, id, { state: 'failed', error: error.message });
    }
  };

  const send = (text) => act(text, (userId) => api.say(userId, text));

  const press = async (taskId, eventKey) => {
    const set = (state) => setPresses((all) => ({ ...all, [taskId]: { eventKey, ...state } }));
    set({ state: 'sending' });
    try {
      const { status } = await api.cardClick(person.userId, taskId, eventKey);
      set(status === 200 ? { state: 'done' } : { state: 'failed', error: `回调 HTTP ${status}` });
    } catch (error) {
      set({ state: 'failed', error: error.message });
    }
  };

  const mine = person
    ? records.filter((r) => r.touser.some((u) => u.toLowerCase() === person.userId.toLowerCase()))
    : [];

  return html`<header class="top">
      <h1>党建助手 · 本地聊天模拟器</h1>
      <p class="muted">
        <span class="intro">仅供本地开发：消息经真实回调（签名加密）送达机器人，回复来自企业微信模拟服务。</span>
        <span class=${`feed feed-${feed}`} role="status">${FEED_STATUS[feed]}</span>
      </p>
    </header>
    <nav class="pane-tabs" aria-label="页面区域">
      ${PANES.map(
        (
          p,
        ) => html`<button type="button" aria-current=${pane === p.id ? 'page' : 'false'} onClick=${() => setPane(p.id)}>
          ${p.label}
        </button>`,
      )}
    </nav>
    <main class="panes">
      <section class="pane pane-people" data-active=${pane === 'people'} aria-label="选择成员">
        <${PeoplePicker} selected=${person} onSelect=${choose} onPeople=${rememberPeople} />
      </section>
      <section class="pane pane-chat" data-active=${pane === 'chat'} aria-label="聊天">
        <${Chat}
          person=${person}
          records=${mine}
          outgoing=${person ? (outgoing[person.userId] ?? []) : []}
          timeZone=${config.timeZone}
          presses=${presses}
          onSend=${send}
          onAct=${act}
          onPress=${press}
        />
      </section>
      <div class="pane-side">
        <section class="pane pane-log" data-active=${pane === 'log'} aria-label="全部已发消息">
          <${LogPanel} records=${records} people=${people} timeZone=${config.timeZone} />
        </section>
        <section class="pane pane-time" data-active=${pane === 'time'} aria-label="时光机">
          <${TimeMachine} timeZone=${config.timeZone} />
        </section>
      </div>
    </main>`;
}

const root = document.getElementById('app');
api
  .config()
  .then((config) => {
    root.replaceChildren(); // the loading note
    render(html`<${App} config=${config} />`, root);
  })
  .catch((error) => {
    root.textContent = `无法加载模拟器：${error.message}`;
  });
