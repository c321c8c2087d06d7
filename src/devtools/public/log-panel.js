import { useState } from 'preact/hooks';
import { formatTime, personLabel, summaryOf, typeLabel } from './format.js';
import { html } from './html.js';

/** Everything the bot sent to anyone, newest first, filterable by recipient. */

function Problems({ record }) {
  const notes = [
    record.invalid.length > 0 && `无效接收人：${record.invalid.join('、')}`,
    record.dropped.length > 0 && `超频被丢弃：${record.dropped.join('、')}`,
    record.truncatedFrom && `内容超长已截断（原 ${record.truncatedFrom} 字节）`,
  ].filter(Boolean);
  return notes.length > 0 ? html`<p class="log-problem">${notes.join('；')}</p>` : null;
}

export function LogPanel({ records, people, timeZone }) {
  const [filter, setFilter] = useState('');
  const recipients = [...new Set(records.flatMap((r) => r.touser))].sort();
  const shown = records.filter((r) => !filter || r.touser.includes(filter)).reverse();

  return html`<div class="log">
    <h2>全部已发消息</h2>
    <label for="log-filter">按接收人筛选</label>
    <select id="log-filter" value=${filter} onChange=${(event) => setFilter(event.currentTarget.value)}>
      <option value="">全部接收人（${records.length} 条）</option>
      ${recipients.map((u) => html`<option value=${u}>${personLabel(u, people)}</option>`)}
    </select>
    <p class="muted" role="status">显示 ${shown.length} 条</p>
    <ol class="log-list" aria-label="已发消息">
      ${shown.map(
        (r) => html`<li key=${r.msgid} class="log-item">
          <p class="log-head">
            <time datetime=${r.at}>${formatTime(r.at, timeZone)}</time>
            <span class="log-type">${typeLabel(r.msgtype)}</span>
            <span class="log-to">发给 ${r.touser.map((u) => personLabel(u, people)).join('、')}</span>
          </p>
          <p class="log-summary">${summaryOf(r)}</p>
          <${Problems} record=${r} />
        </li>`,
      )}
    </ol>
  </div>`;
}
