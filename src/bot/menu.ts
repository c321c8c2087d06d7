import type { WecomMenu } from '../wecom/api/types.js';
import type { Registry } from './registry.js';

/**
 * The app menu (企业微信应用菜单): what members use most, each item running the same command as typing it and
 * named by the command's own first trigger (「党费」「学习日」「签到」…) unless a shorter menu name reads better.
 * At most three top-level entries of ≤ 5 items each; names short enough for WeCom (top ≤ 16 bytes, items ≤ 40).
 */
const MENU: ReadonlyArray<{ name: string; items: ReadonlyArray<{ command: string; name?: string }> }> = [
  {
    name: '党费学习',
    items: [
      { command: 'dues.status' },
      { command: 'dues.how' },
      { command: 'study.when' },
      { command: 'study.signin' },
      { command: 'study.leave' },
    ],
  },
  {
    name: '我的',
    items: [
      { command: 'activity.mine' },
      { command: 'points.mine' },
      { command: 'member.info' },
      { command: 'help', name: '使用帮助' },
    ],
  },
  {
    name: '反映问题',
    items: [
      { command: 'complaint.report', name: '我要反映' },
      { command: 'complaint.mine' },
      { command: 'complaint.todo' },
    ],
  },
];

const KEY_PREFIX = 'cmd:';

/** The command a menu click asks for, or undefined for keys that are not ours. */
export function menuCommandId(eventKey: string): string | undefined {
  return eventKey.startsWith(KEY_PREFIX) ? eventKey.slice(KEY_PREFIX.length) : undefined;
}

/** The menu in WeCom's menu/create shape; throws when an item names a command that does not exist. */
export function buildMenu(registry: Registry): WecomMenu {
  const missing = MENU.flatMap((top) => top.items).filter((item) => !registry.byId(item.command));
  if (missing.length > 0)
    throw new Error(`menu items without a command: ${missing.map((m) => m.command).join(', ')}`);
  return {
    button: MENU.map((top) => ({
      name: top.name,
      sub_button: top.items.map((item) => ({
        type: 'click' as const,
        name: item.name ?? registry.byId(item.command)?.triggers[0] ?? item.command,
        key: `${KEY_PREFIX}${item.command}`,
      })),
    })),
  };
}
