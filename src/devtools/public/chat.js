import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { formatTime } from './format.js';
import { html } from './html.js';
import { MessageBody } from './message.js';

/** The conversation with one member: their messages on the right, the bot's on the left, newest at the bottom. */

const QUICK_PHRASES = ['帮助', '我的信息'];

const OUTGOING_STATUS = {
  sending: '发送中…',
  failed: '未送达',
};

function Outgoing({ item, timeZone }) {
  return html`<li class="msg msg-out" data-state=${item.state}>
    <div class="bubble">${item.text}</div>
    <p class="msg-meta">
      <time datetime=${item.at}>${formatTime(item.at, timeZone)}</time>
      ${item.state !== 'sent' && html` · <span class="msg-state">${OUTGOING_STATUS[item.state]}${item.error ? `：${item.error}` : ''}</span>`}
    </p>
  </li>`;
}

function Incoming({ record, timeZone, presses, onPress }) {
  const taskId = record.body.template_card?.task_id;
  return html`<li class="msg msg-in" data-msgtype=${record.msgtype}>
    <span class="avatar" aria-hidden="true">党</span>
    <div>
      <div class="bubble">
        <span class="visually-hidden">党建助手：</span>
        <${MessageBody} record=${record} press=${taskId && presses[taskId]} onPress=${onPress} />
      </div>
      <p class="msg-meta"><time datetime=${record.at}>${formatTime(record.at, timeZone)}</time></p>
    </div>
  </li>`;
}

/** What a phone can send besides text: a photo, a location, a tap on the app menu. */
function Extras({ onPhoto, onLocation, onMenu }) {
  const [place, setPlace] = useState('');
  const [menu, setMenu] = useState([]);
  const [key, setKey] = useState('');
  useEffect(() => {
    api
      .menu()
      .then(({ items }) => {
        setMenu(items);
        setKey(items[0]?.key ?? '');
      })
      .catch(() => setMenu([]));
  }, []);
  const photo = (event) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => onPhoto(file.name, String(reader.result).split(',')[1] ?? '');
    reader.readAsDataURL(file);
    event.currentTarget.value = '';
  };
  const sendPlace = () => {
    const [lat, lng, ...label] = place.split(/[,，]/).map((p) => p.trim());
    const latitude = Number(lat);
    const longitude = Number(lng);
    if (!lat || !lng || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return;
    onLocation({ latitude, longitude, label: label.join(',') });
    setPlace('');
  };
  return html`<details class="extras">
    <summary>发图片、位置或点菜单</summary>
    <label for="composer-photo">发一张照片（JPG/PNG）</label>
    <input id="composer-photo" type="file" accept="image/jpeg,image/png" onChange=${photo} />
    <label for="composer-location">发位置：纬度,经度,地点</label>
    <div class="composer-row">
      <input
        id="composer-location"
        placeholder="31.2304,121.4737,幸福里5号楼"
        value=${place}
        onInput=${(e) => setPlace(e.currentTarget.value)}
      />
      <button type="button" onClick=${sendPlace}>发送位置</button>
    </div>
    <label for="composer-menu">点应用菜单</label>
    <div class="composer-row">
      <select id="composer-menu" value=${key} onChange=${(e) => setKey(e.currentTarget.value)}>
        ${menu.length === 0 && html`<option value="">（还没有菜单：npm run menu -- sync --local）</option>`}
        ${menu.map((m) => html`<option value=${m.key}>${m.name}</option>`)}
      </select>
      <button type="button" disabled=${!key} onClick=${() => onMenu(menu.find((m) => m.key === key))}>点击</button>
    </div>
  </details>`;
}

function Composer({ person, onSend, onPhoto, onLocation, onMenu }) {
  const [text, setText] = useState('');
  const send = (value) => {
    const trimmed = value.trim();
    if (!trimmed) return;
    onSend(trimmed);
    setText('');
  };
  const onKeyDown = (event) => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms a Chinese IME candidate is neither.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send(text);
    }
  };
  return html`<form
    class="composer"
    onSubmit=${(event) => {
      event.preventDefault();
      send(text);
    }}
  >
    <div class="quick" role="group" aria-label="快捷发送">
      ${QUICK_PHRASES.map((p) => html`<button type="button" class="chip" onClick=${() => send(p)}>${p}</button>`)}
    </div>
    <label for="composer-text">以 ${person.name} 的身份发消息（回车发送，Shift+回车换行）</label>
    <div class="composer-row">
      <textarea
        id="composer-text"
        rows="2"
        value=${text}
        onInput=${(event) => setText(event.currentTarget.value)}
        onKeyDown=${onKeyDown}
      ></textarea>
      <button type="submit" class="primary" disabled=${!text.trim()}>发送</button>
    </div>
    <${Extras} onPhoto=${onPhoto} onLocation=${onLocation} onMenu=${onMenu} />
  </form>`;
}

export function Chat({ person, records, outgoing, timeZone, presses, onSend, onAct, onPress }) {
  const logRef = useRef(null);
  const items = [
    ...outgoing.map((item) => ({ at: item.at, order: 0, key: item.id, out: item })),
    ...records.map((record) => ({ at: record.at, order: 1, key: record.msgid, record })),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [items.length, person?.userId]);

  if (!person) {
    return html`<div class="empty">请先选择一位成员，再以他（她）的身份和党建助手聊天。</div>`;
  }
  return html`<div class="chat">
    <h2 class="chat-title">
      ${person.name}
      <span class="chat-sub">与党建助手的对话</span>
    </h2>
    <ol class="chat-log" ref=${logRef} role="log" aria-live="polite" aria-label=${`${person.name}与党建助手的对话`} tabindex="0">
      ${items.length === 0 && html`<li class="chat-hint">还没有消息。试试发送「帮助」。</li>`}
      ${items.map((item) =>
        item.out
          ? html`<${Outgoing} key=${item.key} item=${item.out} timeZone=${timeZone} />`
          : html`<${Incoming}
              key=${item.key}
              record=${item.record}
              timeZone=${timeZone}
              presses=${presses}
              onPress=${onPress}
            />`,
      )}
    </ol>
    <${Composer}
      key=${person.userId}
      person=${person}
      onSend=${onSend}
      onPhoto=${(name, data) => onAct(`［图片］${name}`, (userId) => api.photo(userId, name, data))}
      onLocation=${(place) => onAct(`［位置］${place.label || `${place.latitude},${place.longitude}`}`, (userId) => api.location(userId, place))}
      onMenu=${(item) => onAct(`［菜单］${item.name}`, (userId) => api.menuClick(userId, item.key))}
    />
  </div>`;
}
