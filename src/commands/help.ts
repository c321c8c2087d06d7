import { defineCommand, ok } from '../bot/command.js';
import { mayUse } from '../bot/permissions.js';
import type { Registry } from '../bot/registry.js';
import type { Sender } from '../bot/sender.js';

/** 帮助 is generated from the registry, so it lists exactly what this person may use. */
export function helpText(registry: Registry, sender: Sender): string {
  const usable = registry.commands.filter((c) => c.id !== 'help' && mayUse(c, sender));
  const greeting = sender.kind === 'member' ? `${sender.member.name}您好，` : '您好，';
  const lines = [`${greeting}我是社区「党建助手」。可以直接发文字给我，例如：`];
  for (const command of usable) lines.push(`· ${command.examples[0]} —— ${command.summary}`);
  if (sender.kind !== 'member') {
    lines.push(`您还没有登记，${sender.community?.contactText ?? '请联系所在支部书记登记'}。`);
  }
  lines.push('正在办的事可以回复「取消」放弃；看不懂的地方随时发「帮助」。');
  return lines.join('\n');
}

export const help = defineCommand({
  id: 'help',
  triggers: ['帮助', '菜单', '使用帮助', 'help'],
  keywords: ['怎么用', '能干什么', '能做什么', '有什么功能', '不会用'],
  audience: 'anyone',
  summary: '查看我能办的事',
  examples: ['帮助'],
  parse: () => ok({}),
  handle: (ctx) => ctx.reply(helpText(ctx.services.registry, ctx.sender)),
});
