import { normaliseText } from '../domain/text/normalise.js';
import { personNameIn } from '../domain/text/person-name.js';

/** Who is writing, as the corpus labels it: residents are people not on the roster. */
export const SPEAKERS = ['member', 'officer', 'grid_leader', 'resident'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** Cuts a run of Chinese text into words (the segmenter is given, so this file stays pure). */
export type Segment = (text: string) => readonly string[];

/** What turns a message into features: a segmenter and a table of toneless pinyin per character. */
export interface Featuriser {
  segment: Segment;
  pinyin: Readonly<Record<string, string>>;
}

const HAN = /\p{Script=Han}/u;
/** Punctuation and symbols carry no topic; they split the text into clauses. */
const SEPARATORS = /[\s\p{P}\p{S}]+/gu;
/** WeCom's emoji codes ([强], [微笑]) are reactions: their characters are no words (强 is not 加强). */
const EMOJI_ALL = /\[[^[\]\s]{1,4}\]/g;

/**
 * The text the features are read from: width folded, lower case, every number one digit (3号楼 and 12栋
 * are the same kind of place), punctuation and spaces turned into one clause separator.
 */
export function cleanText(text: string): string {
  return normaliseText(text)
    .toLowerCase()
    .replace(/\d+(?:\.\d+)?/g, '0')
    .replace(SEPARATORS, ' ')
    .trim();
}

/** A complaint's number as people write it: 2026-0153, 20260153, 0153号. */
const TICKET = /\d{4}\s*[-－—]\s*\d{3,4}|(?:^|\D)(?:20\d\d)?0\d{3}(?:号|\D|$)/;
/**
 * A message of nothing but figures, punctuation or emoji codes that is no complaint number (123, 88, [强][强]):
 * a reaction or a slip of the finger, which names no command whatever the model would make of its digits.
 */
export function namesNothing(text: string): boolean {
  const folded = normaliseText(text);
  return !/\p{L}/u.test(folded.replace(EMOJI_ALL, '')) && !TICKET.test(folded);
}

/** Common surnames: a person named (王桂兰, 老张, 李大爷) is what 查成员, 缴费 and 补签 are about. */
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const NAME = new RegExp(
  `(?:^|[\\s把给帮替查找跟和与])[${SURNAMES}][\\u4e00-\\u9fa5]{1,2}(?=的|是|在|住|家|今|昨|这|那|\\s|$)|老[${SURNAMES}]|[${SURNAMES}](?:大爷|大妈|奶奶|爷爷|阿姨|叔|婶|师傅|老师)`,
);
/** A problem told before (「上回反映的」, 「我报的那个事」): asking after it, or adding to it, rather than a new one. */
const TOLD_BEFORE =
  /(上回|上次|之前|前几天|前两天|上周|上礼拜|前天|昨天|那天|早就|我)[^，。\s]{0,6}?(反映|报修?|说|投诉|提)的|(反映|报|说)(过|了)的?(那个|这个)?事/;
/** A number as people write or say it. */
const CN_NUM = '[0-9一二两三四五六七八九十百半]';
/** A sum of money (50元, 二十一块, ￥21): a payment or a standard, whatever the figure. */
const MONEY = new RegExp(`${CN_NUM}+(?:\\.\\d+)?\\s*(?:元|块|圆)|[¥￥]\\s*\\d`);
/** A day (12月5日, 15号, 下周三, 明天), but not a building (5号楼): leave, moving a study day, logging. */
const DAY =
  /\d{1,2}\s*[月./-]\s*\d{1,2}|\d{1,2}\s*[号日](?![楼院栋])|[这下上本]个?(?:周|礼拜|星期)[一二三四五六日天末]?|(?:周|礼拜|星期)[一二三四五六日天]|[今明昨前后]天|今儿|明儿|昨儿/;
/** A length of time (两个小时, 一下午, 半天): what an activity took. */
const DURATION = new RegExp(`${CN_NUM}+\\s*(?:个)?(?:小时|钟头|分钟)|一(?:上午|下午|晚上|整天)|半天`);
/** Everyone rather than the writer (大伙儿, 各小组, 全支部): the branch's figures, not one's own. */
const EVERYONE =
  /大家|大伙|大家伙|全体|全支部|所有人|所有党员|党员们|各(?:个)?(?:党)?小组|各网格|每个人|谁(?:最|排)/;
/** The writer themself (我, 俺, 本人), not a 我们 or 咱们 speaking for the branch. */
const MYSELF = /[我俺](?![们])|本人|自个|自己/;
/** Waiting for someone promised or for a problem told to be dealt with (人呢, 啥时候来, 能修好不, 有信儿没). */
const WAITING =
  /人呢|(?:啥|什么)时候(?:来|上门|修|能|给|处理)|几点来|咋还没|怎么还没|还没(?:来|修|人|见)|没见(?:人|动静)|有信儿?没|到哪一?步|能[^，。\s]{1,4}不$|了没有?$/;
/** A table or a file to take away (导出, 导一份, excel, 台账, 拉个表): what the exports are. */
const TABLE = /导出|导[一个成]|导下|excel|表格|台[账帐]|明细表|登记表|拉个表|弄个表|出个表|下载/i;
/** A picture of figures (图表, 柱状图, 画个图): what the charts are. */
const CHART = /图表|图片|[柱饼线形状势]图|画个?图|做个?图|出个?图|成图|统计图/;
/** A WeCom emoji code ([强], [微笑], [OK]): a reaction, which counts by its kind. */
const EMOJI = /\[[^[\]\s]{1,4}\]/;
/** Asking rather than telling: 吗, 没, 啥, 几, 多少, 哪 … */
const QUESTION = /[吗呢么?？]|没有?$|[啥咋几哪]|多少|什么|怎么|是不是|有没有/;

/**
 * The features of one message, as a set of strings:
 * - character 1–2-grams, with ^ and $ marking the ends (「到了」 alone is not 「我到了吗」); 3-grams were dropped:
 *   on the held-out split they made the model worse (92.0% against 92.8%) and the artifact larger;
 * - words from the segmenter (w:), so 卫生间 is not read as 卫生;
 * - pinyin syllable pairs and whole-word pinyin (p:, q:), so voice-input homophones (当费/党费, 前到/签到)
 *   meet the same features;
 * - the speaker (r:) and a length band (n:), so the model learns who says what and that one-word replies differ;
 * - a complaint number, a person's name, a question, a problem told before, a sum of money, a day, a length of
 *   time (x:), which the words alone show only through many examples: the figure or name said is not a feature,
 *   its kind is, so a sum or a day never seen in the corpus counts as one that was; whether the writer speaks of
 *   themself (我, 俺) or of everyone (大伙儿, 各小组), which tells 我的积分 from 积分排名 and 我的活动 from 活动统计;
 *   an emoji code.
 */
export function features(text: string, speaker: Speaker, f: Featuriser): string[] {
  const clean = cleanText(text.replace(EMOJI_ALL, ' '));
  const out = new Set<string>([`r:${speaker}`]);
  const squeezed = clean.replace(/ /g, '');
  const length = [...squeezed].length;
  out.add(`n:${length <= 2 ? 's' : length <= 5 ? 'm' : length <= 15 ? 'l' : 'x'}`);
  const folded = normaliseText(text);
  if (TICKET.test(folded)) out.add('x:ticket');
  if (NAME.test(folded) || personNameIn(folded) !== null) out.add('x:name');
  if (EVERYONE.test(folded)) out.add('x:everyone');
  if (MYSELF.test(folded)) out.add('x:myself');
  if (EMOJI.test(folded)) out.add('x:emoji');
  if (WAITING.test(folded)) out.add('x:waiting');
  if (TABLE.test(folded)) out.add('x:table');
  if (CHART.test(folded)) out.add('x:chart');
  if (QUESTION.test(folded)) out.add('x:question');
  if (TOLD_BEFORE.test(folded)) out.add('x:told-before');
  if (MONEY.test(folded)) out.add('x:money');
  if (DAY.test(folded)) out.add('x:day');
  if (DURATION.test(folded)) out.add('x:duration');
  const chars = [...`^${squeezed}$`];
  for (let i = 0; i < chars.length; i++) {
    if (i > 0 && i < chars.length - 1) out.add(`c:${chars[i]}`);
    if (i + 1 < chars.length) out.add(`c:${chars[i]}${chars[i + 1]}`);
  }
  const syllables = [...squeezed].map((c) => f.pinyin[c] ?? (HAN.test(c) ? '?' : c));
  for (let i = 0; i + 1 < syllables.length; i++) {
    if (syllables[i] !== '?' && syllables[i + 1] !== '?') out.add(`p:${syllables[i]}_${syllables[i + 1]}`);
  }
  for (const clause of clean.split(' ')) {
    if (!clause) continue;
    for (const word of f.segment(clause)) {
      if (!HAN.test(word)) continue;
      out.add(`w:${word}`);
      if ([...word].length > 1) out.add(`q:${[...word].map((c) => f.pinyin[c] ?? c).join('')}`);
    }
  }
  return [...out];
}

/** Features about the message as a whole (who, how long) rather than its words. */
const isGlobal = (feature: string) => feature.startsWith('r:') || feature.startsWith('n:');

/**
 * The value of each feature: the words' features weigh 1/√n (n = how many the message has, known to the model or
 * not), so a long rambling message is not surer for being long and unknown words make it less sure; the speaker
 * and the length band weigh 1 whatever the length, so a resident's prior holds for long messages too.
 */
export function featureValues(found: readonly string[]): number[] {
  const words = found.filter((f) => !isGlobal(f)).length;
  const value = words > 0 ? 1 / Math.sqrt(words) : 0;
  return found.map((f) => (isGlobal(f) ? 1 : value));
}
