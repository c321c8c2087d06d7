import type { Sender } from './sender.js';

/**
 * Fixed replies. Plain text only: many members read the bot in the WeChat plugin, which shows no
 * markdown or cards. Short sentences, the next step spelled out.
 */
export const REPLY = {
  voice: '暂时听不懂语音，请您打字或发照片给我，谢谢。',
  imageHeld: '图片收到了。接下来请用文字说明要办的事（例如「反映 5号楼下水道堵了」），我会把图片一起带上。',
  locationHeld: '位置收到了。接下来请用文字说明要办的事（例如「反映 这里井盖松了」），我会把位置一起带上。',
  unsupported: '暂不支持这种消息，请发送文字。发「帮助」可查看能办的事。',
  cancelled: '好的，已取消。',
  nothingToCancel: '现在没有进行中的事项。发「帮助」可查看能办的事。',
  cancelHint: '（回复「取消」可放弃）',
  failure: '抱歉，系统出了点问题，已经记录下来了。请稍后再试，急事请直接联系支部书记。',
  notDone: '抱歉，系统暂时出了故障，您刚才发的这条没有办成。请过一会儿再发一次，急事请直接联系支部书记。',
  notAllowed: '这项功能仅限支部书记等负责同志使用。发「帮助」可查看您能办的事。',
  /** A resident on plain WeChat asked for something that is not theirs. */
  resident:
    '这件事不能在这里办。小区里的问题可以直接告诉我（例如「5号楼下水道堵了」），也可以发照片和位置；发「我的反映」查看您反映过的问题。',
  residentUnclear:
    '您好，没太明白您的意思。小区里有什么问题请直接告诉我，例如「5号楼下水道堵了」；想问办得怎么样了，发「我的反映」。',
} as const;

export const welcome = (help: string) => `欢迎使用党建助手！\n${help}`;

export const notRegistered = (contact: string) =>
  `您好，系统里还没有您的登记信息。小区里的问题可以直接告诉我（例如「5号楼下水道堵了」），其他事项请先登记：${contact}。`;

/** A command's summary without its parenthesis or second clause: 「反映小区里的问题」. */
const shortSummary = (summary: string) => summary.replace(/（[^）]*）/g, '').split('，')[0] ?? summary;

/** The short 帮助 for a sentence the bot could not place: its two likeliest commands, each with an example. */
export const didYouMean = (options: ReadonlyArray<{ summary: string; example: string }>) =>
  options.length > 0
    ? [
        '没太明白您的意思。您是想：',
        ...options.map((o) => `· ${shortSummary(o.summary)}，例如「${o.example}」`),
        '也可以发「帮助」看能办的事。',
      ].join('\n')
    : '没太明白您的意思。发「帮助」可查看能办的事。';

/** The one yes/no question about the bot's best guess; 「是」 runs it on the sentence as written. */
export const guessQuestion = (summary: string) =>
  `您是想${shortSummary(summary)}吗？\n回复「是」我就办；不是的话请换个说法，或发「帮助」。`;

/** What someone can ask for, by the first part of the command ids they may use. */
const OFFERS: ReadonlyArray<readonly [string, string]> = [
  ['activity', '记活动'],
  ['dues', '查党费'],
  ['study', '学习日请假签到'],
  ['complaint', '反映小区里的问题'],
  ['points', '查积分'],
  ['desk', '看月报和统计'],
];

export const offerWords = (ids: readonly string[]) =>
  OFFERS.filter(([prefix]) => ids.some((id) => id.startsWith(`${prefix}.`))).map(([, words]) => words);

/** Answers to 「你好」 and 「谢谢」: friendly, short, and saying what the bot can do for this person. */
export function chatReply(
  intent: 'chat.greeting' | 'chat.thanks',
  sender: Sender,
  offers: readonly string[],
) {
  const can =
    sender.kind === 'member'
      ? `可以帮您${offers.join('、')}`
      : '小区里有什么问题（漏水、路灯、噪声……）都可以告诉我，我转给网格员并告诉您进展';
  // People we do not know also hear how to be registered, as in 帮助.
  const register =
    sender.kind === 'member'
      ? ''
      : `\n您还没有登记，${sender.community?.contactText ?? '请联系所在支部书记登记'}。`;
  if (intent === 'chat.thanks') return `不客气！还有事随时发给我，我${can}。${register}`;
  const name = sender.kind === 'member' ? sender.member.name : '';
  return `${name}您好！我是社区党建助手，${can}。直接打字告诉我就行。${register}`;
}
