import { mediaUrl } from './api.js';
import { html } from './html.js';
import { safeUrl } from './markup.js';

/** template_card as WeCom lays it out: source, title, content rows, then the buttons that call back. */

const SOURCE_COLORS = ['gray', 'black', 'red', 'green'];

function Source({ source }) {
  if (!source?.desc) return null;
  return html`<p class=${`card-source card-source-${SOURCE_COLORS[source.desc_color ?? 0]}`}>${source.desc}</p>`;
}

function Row({ item }) {
  const { type, keyname, value = '', url, media_id: mediaId, userid } = item;
  let content = value;
  if (type === 1 && safeUrl(url))
    content = html`<a href=${url} target="_blank" rel="noopener noreferrer">${value}</a>`;
  if (type === 2 && mediaId) content = html`<a href=${mediaUrl(mediaId)} download>${value || '下载附件'}</a>`;
  if (type === 3) content = value || userid;
  return html`<div class="card-row"><dt>${keyname}</dt><dd>${content}</dd></div>`;
}

function Links({ card }) {
  const jumps = (card.jump_list ?? []).filter((j) => safeUrl(j.url));
  const action = card.card_action?.type === 1 && safeUrl(card.card_action.url) ? card.card_action.url : null;
  if (jumps.length === 0 && !action) return null;
  return html`<ul class="card-links">
    ${jumps.map((j) => html`<li><a href=${j.url} target="_blank" rel="noopener noreferrer">${j.title}</a></li>`)}
    ${action && html`<li><a href=${action} target="_blank" rel="noopener noreferrer">查看详情</a></li>`}
  </ul>`;
}

/**
 * `press` is this card's click state from the page: { eventKey, state: 'sending' | 'done' | 'failed', error }.
 * WeCom greys the buttons once the click is accepted; so does the simulator.
 */
function Buttons({ card, press, onPress }) {
  const locked = press && press.state !== 'failed';
  return html`<div class="card-buttons" role="group" aria-label="卡片按钮">
    ${card.button_list.map((b) => {
      const style = `card-button card-button-${b.style ?? 1}`;
      if (b.type === 1) {
        return safeUrl(b.url)
          ? html`<a class=${style} href=${b.url} target="_blank" rel="noopener noreferrer">${b.text}</a>`
          : null;
      }
      const chosen = press?.eventKey === b.key && press.state !== 'failed';
      return html`<button
        type="button"
        class=${style}
        aria-pressed=${chosen ? 'true' : 'false'}
        disabled=${locked}
        onClick=${() => onPress(card.task_id, b.key)}
      >
        ${chosen && press.state === 'done' ? `✓ ${b.text}` : b.text}
      </button>`;
    })}
  </div>`;
}

function PressStatus({ card, press }) {
  if (!press) return null;
  const label = card.button_list?.find((b) => b.key === press.eventKey)?.text ?? press.eventKey;
  const text = {
    sending: `正在提交「${label}」…`,
    done: `已提交「${label}」`,
    failed: `提交失败：${press.error}`,
  }[press.state];
  return html`<p class=${`card-status card-status-${press.state}`} role="status">${text}</p>`;
}

/** Vote and multi-select cards are shown, not answered: the simulator only clicks buttons. */
function Options({ card }) {
  const options = card.checkbox?.option_list ?? card.select_list?.flatMap((s) => s.option_list) ?? [];
  return html`<ul class="card-options">
      ${options.map((o) => html`<li>${o.is_checked ? '☑' : '☐'} ${o.text}</li>`)}
    </ul>
    <p class="card-note">此类卡片在模拟器中只能查看，不能提交。</p>`;
}

export function TemplateCard({ card, press, onPress }) {
  const title = card.main_title?.title;
  return html`<article class="card" aria-label=${`模板卡片：${title ?? card.card_type}`}>
    <${Source} source=${card.source} />
    ${title && html`<h3 class="card-title">${title}</h3>`}
    ${card.main_title?.desc && html`<p class="card-desc">${card.main_title.desc}</p>`}
    ${
      card.emphasis_content?.title &&
      html`<p class="card-emphasis">
        <span class="card-emphasis-value">${card.emphasis_content.title}</span>
        <span>${card.emphasis_content.desc}</span>
      </p>`
    }
    ${card.quote_area?.quote_text && html`<blockquote class="card-quote">${card.quote_area.quote_text}</blockquote>`}
    ${card.sub_title_text && html`<p class="card-subtitle">${card.sub_title_text}</p>`}
    ${
      card.horizontal_content_list?.length > 0 &&
      html`<dl class="card-rows">${card.horizontal_content_list.map((item) => html`<${Row} item=${item} />`)}</dl>`
    }
    <${Links} card=${card} />
    ${card.card_type === 'button_interaction' && html`<${Buttons} card=${card} press=${press} onPress=${onPress} />`}
    ${(card.checkbox || card.select_list) && html`<${Options} card=${card} />`}
    <${PressStatus} card=${card} press=${press} />
  </article>`;
}
