import type { WecomMenu } from '../wecom/api/types.js';
import type { Registry } from './registry.js';

/**
 * The app menu (企业微信应用菜单): each item runs the same command as typing its text. At most three
 * top-level entries of ≤ 5 items each; names short enough for WeCom (top ≤ 16 bytes, items ≤ 40).
 * Later commands add their entries here.
 */
const MENU: ReadonlyArray<{ name: string; items: ReadonlyArray<{ name: string; command: string }> }> = [
  {
    name: '我的',
    items: [
      { name: '我的信息', command: 'member.info' },
      { name: '使用帮助', command: 'help' },
    ],
  },
  {
    name: '反映问题',
    items: [
      { name: '我要反映', command: 'complaint.report' },
      { name: '我的反映', command: 'complaint.mine' },
      { name: '待办诉求', command: 'complaint.todo' },
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
        name: item.name,
        key: `${KEY_PREFIX}${item.command}`,
      })),
    })),
  };
}
