/** Times as the community reads them: in its own zone (Asia/Shanghai), whatever the browser's zone is. */

const dayKey = (date, timeZone) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    date,
  );

/** "09:05" today, "3月1日 09:05" on another day. */
export function formatTime(iso, timeZone) {
  const date = new Date(iso);
  const sameDay = dayKey(date, timeZone) === dayKey(new Date(), timeZone);
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    ...(sameDay ? {} : { month: 'numeric', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** The current wall-clock time in `timeZone`, written 2026-12-06 06:20 whatever the browser's locale. */
export function nowForInput(timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const TYPE_LABELS = {
  text: '文字',
  markdown: 'Markdown',
  textcard: '文本卡片',
  template_card: '模板卡片',
  image: '图片',
  file: '文件',
  voice: '语音',
  video: '视频',
  news: '图文',
  mpnews: '图文',
};

export const typeLabel = (msgtype) => TYPE_LABELS[msgtype] ?? msgtype;

/** Markup that would only clutter a one-line summary (a masked phone's **** is not bold). */
const STRIP_MARKUP = {
  text: (t) => t.replace(/<\/?a\b[^>]*>/g, ''),
  markdown: (t) =>
    t
      .replace(/<\/?font\b[^>]*>/g, '')
      .replace(/^\s*(#{1,6}|>)\s*/gm, '')
      .replace(/\*\*(.+?)\*\*|`([^`]+)`/g, '$1$2'),
};

/** One line saying what a recorded message is about, for lists. */
export function summaryOf(record) {
  const payload = record.body[record.msgtype] ?? {};
  const text =
    payload.content ??
    payload.title ??
    payload.main_title?.title ??
    payload.main_title?.desc ??
    payload.sub_title_text ??
    '';
  const plain = (STRIP_MARKUP[record.msgtype]?.(text) ?? text).replace(/\s+/g, ' ').trim();
  return plain || `（${typeLabel(record.msgtype)}${record.filename ? `：${record.filename}` : ''}）`;
}

export const personLabel = (userId, people) => {
  const name = people.get(userId)?.name;
  return name ? `${name}（${userId}）` : userId;
};
