import { html } from './html.js';

/**
 * WeCom's message markup, turned into elements (never innerHTML: the text comes from the bot, and a tag it
 * gets wrong must show as text, as WeCom shows it).
 */

export const safeUrl = (url) => (/^https?:\/\//i.test(url) ? url : undefined);

const link = (href, text) =>
  safeUrl(href) ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${text}</a>` : text;

/** Splits `text` on `pattern` (global), rendering each match with `render(match)`. */
function splitBy(text, pattern, render) {
  const out = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push(render(match));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Text messages may carry <a href="…">…</a> (platform doc §5.1). */
export const renderText = (text) =>
  splitBy(text, /<a href="([^"]*)">([\s\S]*?)<\/a>/g, (m) => link(m[1], m[2]));

const INLINE =
  /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|`([^`]+)`|<font color="(info|comment|warning)">([\s\S]*?)<\/font>/g;

function renderInline(text) {
  return splitBy(text, INLINE, (m) => {
    if (m[1] !== undefined) return html`<strong>${renderInline(m[1])}</strong>`;
    if (m[2] !== undefined) return link(m[3], m[2]);
    if (m[4] !== undefined) return html`<code>${m[4]}</code>`;
    return html`<span class=${`md-${m[5]}`}>${renderInline(m[6])}</span>`;
  });
}

/** WeCom's markdown subset: headings, bold, links, inline code, quotes and coloured text. */
export function renderMarkdown(text) {
  return text.split('\n').map((line) => {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) return html`<p class=${`md-h md-h${heading[1].length}`}>${renderInline(heading[2])}</p>`;
    const quote = /^>\s?(.*)$/.exec(line);
    if (quote) return html`<blockquote>${renderInline(quote[1])}</blockquote>`;
    return line === '' ? html`<br />` : html`<p>${renderInline(line)}</p>`;
  });
}

/** textcard descriptions allow <div class="gray|highlight|normal"> (platform doc §5.1). */
export const renderCardDescription = (text) =>
  splitBy(
    text,
    /<div class="(gray|highlight|normal)">([\s\S]*?)<\/div>/g,
    (m) => html`<div class=${`tc-${m[1]}`}>${m[2]}</div>`,
  );
