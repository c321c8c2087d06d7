import { mediaUrl } from './api.js';
import { TemplateCard } from './card.js';
import { typeLabel } from './format.js';
import { html } from './html.js';
import { renderCardDescription, renderMarkdown, renderText, safeUrl } from './markup.js';

/** The inside of one bubble: whatever the bot sent, drawn close to how WeCom draws it. */

function TextCard({ card }) {
  const url = safeUrl(card.url);
  return html`<article class="card textcard" aria-label=${`文本卡片：${card.title}`}>
    <h3 class="card-title">${card.title}</h3>
    <div class="textcard-description">${renderCardDescription(card.description)}</div>
    ${url && html`<a class="textcard-more" href=${url} target="_blank" rel="noopener noreferrer">${card.btntxt || '详情'}</a>`}
  </article>`;
}

function Media({ msgtype, mediaId, filename }) {
  const href = mediaUrl(mediaId);
  if (msgtype === 'image') {
    return html`<figure class="media">
      <img src=${href} alt="机器人发送的图片" />
      <figcaption><a href=${href} download>下载图片</a></figcaption>
    </figure>`;
  }
  return html`<a class="file" href=${href} download>
    <svg class="file-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M6 2h8l5 5v15H6z" fill="#e7efff" stroke="currentColor" stroke-width="1.5" />
      <path d="M14 2v5h5" fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
    <span>${typeLabel(msgtype)}${filename ? `：${filename}` : ''} · 点击下载</span>
  </a>`;
}

export function MessageBody({ record, press, onPress }) {
  const { msgtype, body } = record;
  const payload = body[msgtype] ?? {};
  switch (msgtype) {
    case 'text':
      return html`<div class="bubble-text">${renderText(payload.content ?? '')}</div>`;
    case 'markdown':
      return html`<div class="bubble-text markdown">${renderMarkdown(payload.content ?? '')}</div>`;
    case 'textcard':
      return html`<${TextCard} card=${payload} />`;
    case 'template_card':
      return html`<${TemplateCard} card=${payload} press=${press} onPress=${onPress} />`;
    case 'image':
    case 'file':
    case 'voice':
    case 'video':
      return html`<${Media} msgtype=${msgtype} mediaId=${payload.media_id} filename=${record.filename} />`;
    default:
      return html`<div class="bubble-text">
        <p>［${typeLabel(msgtype)}消息，模拟器暂不能显示］</p>
        <pre class="raw">${JSON.stringify(payload, null, 2)}</pre>
      </div>`;
  }
}
