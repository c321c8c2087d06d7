import type { InboundMessage } from '../wecom/inbound.js';

/**
 * Plain text only: many members read the bot in the WeChat plugin, which shows no markdown or cards.
 * Commands arrive in later work; until then every text gets the short guide below.
 */
export const HELP_TEXT = [
  '您好，我是社区「党建助手」。',
  '可以直接发文字给我，例如：',
  '· 记录活动：昨天去王奶奶家走访了两个小时',
  '· 查党费：我这个月党费交了没有',
  '· 学习日：下次学习是哪天',
  '· 反映问题：5号楼下水道堵了',
  '这些功能正在陆续开通，有急事请直接联系支部书记或网格长。',
].join('\n');

export const WELCOME_TEXT = `欢迎使用党建助手！\n${HELP_TEXT}`;

const MEDIA_TEXT: Record<string, string> = {
  voice: '暂时听不懂语音，请您打字发给我，谢谢。',
  image: '图片已收到。请用文字告诉我要办什么事，例如「反映问题」。',
  video: '视频已收到。请用文字告诉我要办什么事，例如「反映问题」。',
  location: '位置已收到。请用文字告诉我要办什么事，例如「反映问题」。',
  link: '链接已收到。请用文字告诉我要办什么事。',
};

const UNSUPPORTED_TEXT = '暂不支持这种消息，请发送文字。发「帮助」可查看能办的事。';

/** What the bot answers, or null where an answer would be noise (opening the app) or impossible (unsubscribed). */
export function replyFor(message: InboundMessage): string | null {
  switch (message.kind) {
    case 'text':
      return HELP_TEXT;
    case 'event':
      if (message.event === 'subscribe') return WELCOME_TEXT;
      if (message.event === 'click') return HELP_TEXT;
      return null;
    case 'unknown':
      return UNSUPPORTED_TEXT;
    default:
      return MEDIA_TEXT[message.kind] ?? UNSUPPORTED_TEXT;
  }
}
