import { type Command, defineCommand, ok } from '../../bot/command.js';
import { readsScreens } from '../../bot/context.js';
import { mayUse } from '../../bot/permissions.js';
import type { Registry } from '../../bot/registry.js';
import type { Sender } from '../../bot/sender.js';
import { normaliseText } from '../../domain/text/normalise.js';
import { SCREEN_CHARS } from '../../domain/text/pages.js';

/** Help is grouped by the first part of a command's id; topics are listed in this order. */
const TOPICS: ReadonlyArray<{ name: string; ids: readonly string[] }> = [
  { name: '党员信息', ids: ['member'] },
  { name: '活动', ids: ['activity', 'evidence'] },
  { name: '党费', ids: ['dues'] },
  { name: '学习日', ids: ['study'] },
  { name: '群众诉求', ids: ['complaint'] },
  { name: '积分', ids: ['points'] },
  { name: '报表', ids: ['desk', 'chart', 'export'] },
];
const OTHER = '其他';

/** WeCom cuts a text at 2048 bytes; a help longer than this is given as an overview by topic instead. */
const FULL_HELP_MAX_BYTES = 1800;

const topicOf = (command: Command) =>
  TOPICS.find((t) => t.ids.includes(command.id.split('.')[0] ?? ''))?.name ?? OTHER;
const line = (command: Command) => `· ${command.examples[0]} —— ${command.summary}`;

function byTopic(commands: readonly Command[]): Map<string, Command[]> {
  const groups = new Map<string, Command[]>([...TOPICS.map((t) => t.name), OTHER].map((n) => [n, []]));
  for (const command of commands) groups.get(topicOf(command))?.push(command);
  return new Map([...groups].filter(([, list]) => list.length > 0));
}

/** Whether the whole list fits: one phone screen for those who read one at a time, else one WeCom message. */
const fits = (sender: Sender, text: string): boolean =>
  readsScreens(sender) ? text.length <= SCREEN_CHARS : Buffer.byteLength(text, 'utf8') <= FULL_HELP_MAX_BYTES;

/**
 * 帮助 is generated from the registry, so it lists exactly what this person may use: every command when
 * that fits (a phone screen for members, a message for officers), otherwise the topics with their command words,
 * and 「帮助 党费」 or 「帮助 缴费」 gives one topic's or one command's examples.
 */
export function helpText(registry: Registry, sender: Sender, about = ''): string {
  const usable = registry.commands.filter((c) => c.id !== 'help' && mayUse(c, sender));
  const groups = byTopic(usable);
  const greeting = sender.kind === 'member' ? `${sender.member.name}您好，` : '您好，';
  const footer = [
    ...(sender.kind !== 'unknown'
      ? []
      : [`您还没有登记，${sender.community?.contactText ?? '请联系所在支部书记登记'}。`]),
    '正在办的事可以回复「取消」放弃；看不懂的地方随时发「帮助」。',
  ];

  const topic = groups.get(about);
  if (topic) return [`「${about}」可以这样发：`, ...topic.map(line), ...footer].join('\n');
  const command = usable.find((c) => c.triggers.includes(about));
  if (command)
    return [`「${about}」：${command.summary}。例如：`, ...command.examples.map((e) => `· ${e}`)].join('\n');

  const full = [
    `${greeting}我是社区「党建助手」。可以直接发文字给我，例如：`,
    ...usable.map(line),
    ...footer,
  ];
  if (fits(sender, full.join('\n'))) return full.join('\n');
  const overview = [...groups].map(
    ([name, list]) => `【${name}】${list.map((c) => c.triggers[0]).join('、')}`,
  );
  const first = [...groups.keys()][0] ?? '党费';
  return [
    `${greeting}我是社区「党建助手」。可以直接发文字给我，我能办这些事：`,
    ...overview,
    `发「帮助 ${first}」看这一类每项怎么发，发「帮助」加上某项的名字看例子。`,
    ...footer,
  ].join('\n');
}

export const help = defineCommand({
  id: 'help',
  triggers: ['帮助', '菜单', '使用帮助', 'help'],
  audience: 'anyone',
  summary: '查看我能办的事',
  examples: ['帮助', '帮助 党费'],
  parse: (rest) => ok({ about: normaliseText(rest) }),
  handle: (ctx, { about }) => ctx.reply(helpText(ctx.services.registry, ctx.sender, about)),
});
