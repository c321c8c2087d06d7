/**
 * What secretaries and members type about dues: the 缴费 command (who paid, how much, on whose behalf, how),
 * and the months or the income a member's free question names.
 */

import type { DuesCategory } from '../member-vocabulary.js';
import {
  currentYearMonth,
  type MonthsMatch,
  parseChineseNumber,
  parseMoneyFen,
  parseMonths,
  type YearMonth,
} from '../text/index.js';
import { stripFillers } from '../text/normalise.js';
import { FAMILIAR, NOT_FAMILIAR, SURNAMES } from '../text/person-name.js';
import { alternation, YEAR_WORD } from '../text/relative-words.js';
import { addMonths, compareMonths } from './allocation.js';
import { MONTHLY_CAP_FEN } from './calculator.js';

export type PaymentAmount =
  /**
   * `months` or `count`: the months the sum was said to be for (「二十一块 这个月的」, 「仨月 一共五十一」); the plan
   * checks that the sum is what they cost.
   */
  | { kind: 'fen'; fen: number; months?: YearMonth[]; count?: number }
  | { kind: 'months'; count: number }
  | { kind: 'months-list'; months: YearMonth[] }
  /**
   * No amount in a sentence that says the dues were paid (「侯玉梅的党费她女儿微信帮她交了」): what is owed up to
   * this month. The plan shows which months before 确认.
   */
  | { kind: 'owed' };

export type PaymentMethod = 'cash' | 'wechat' | 'transfer';

/** 代交: the payer when not the member. Either part may be '' (代交 老伴 names only the relation). */
export interface PaymentProxy {
  name: string;
  relation: string;
}

export interface PaymentRequest {
  memberName: string;
  amount: PaymentAmount;
  proxy: PaymentProxy | null;
  method: PaymentMethod | null;
  /** 自愿: extra dues; required above 1000元, which is then 大额党费. */
  voluntary: boolean;
}

export type PaymentCommandResult =
  | { ok: true; value: PaymentRequest }
  | { ok: false; missing?: 'name' | 'amount'; error?: string };

/** One payment may cover at most a year: larger sums are mistakes or need the branch's discussion. */
export const MAX_MONTHS_PER_PAYMENT = 12;

export const PAYMENT_ERRORS = {
  notPositive: '缴费金额或月数要大于0。',
  tooManyMonths: `一次最多登记${MAX_MONTHS_PER_PAYMENT}个月，请分开登记。`,
  overCap: '超过1000元的请注明“自愿”，大额党费按规定单独处理',
  amountAndMonths:
    '金额和月份只写一样：写金额（如21元）从最早欠交的月份起依次冲抵；写月数或月份（如3个月、9-11月）按标准计算。',
  proxy: '代缴人没看懂，请写成“代缴 姓名(关系)”，如“代缴 刘小红(女儿)”。',
} as const;

const HAN = '\\u4e00-\\u9fa5';
/** 2–4 characters, or a transliterated name joined with · (阿依古丽·买买提). */
const NAME = new RegExp(`^(?:[${HAN}]{2,4}|[${HAN}]{1,8}(?:[·•・][${HAN}]{1,8})+)$`);
const LEADING_NAME = new RegExp(`^[${HAN}·•・]+`);
/** Sentence punctuation separates words like a space; a comma before three digits (1,000) is in a number. */
const SEPARATORS = /[，、；。！？：;!?:]|,(?!\d{3})/g;
/**
 * How the money came, as secretaries say it: money brought in person (拿来) is cash, though 送来 alone says who
 * brought it rather than how; 「转了我」 between people
 * is WeChat; 打卡上 is the bank.
 */
const METHOD_CODES: Readonly<Record<string, PaymentMethod>> = {
  微信: 'wechat',
  vx: 'wechat',
  wx: 'wechat',
  转了我: 'wechat',
  转给我: 'wechat',
  转我: 'wechat',
  现金: 'cash',
  现钱: 'cash',
  拿来: 'cash',
  拿过来: 'cash',
  转账: 'transfer',
  银行: 'transfer',
  打卡上: 'transfer',
  卡上: 'transfer',
};
/** The first of these named is the method: 微信转账 is WeChat. */
const METHODS = new RegExp(alternation(Object.keys(METHOD_CODES)), 'i');
const METHOD_WORDS = /(?:微信(?:支付|转账|红包)?|vx|wx|现金|现钱|(?:银行)?转账|银行卡|银行|打?卡上)/gi;
const VOLUNTARY = /自愿(?:交纳|缴纳|多交)?/g;
const PROXY = new RegExp(`(?:代缴|代交|代付)\\s*(?<who>[${HAN}·•・]*)\\s*(?:\\((?<relation>[^()]{1,8})\\))?`);
/** Longest first, so 外孙女 is read before 外孙. */
const RELATIONS = [
  '外孙女',
  '外甥女',
  '老伴儿',
  '老伴',
  '爱人',
  '妻子',
  '丈夫',
  '老婆',
  '老公',
  '媳妇',
  '儿子',
  '女儿',
  '闺女',
  '儿媳',
  '女婿',
  '孙子',
  '孙女',
  '外孙',
  '侄子',
  '侄女',
  '外甥',
  '哥哥',
  '姐姐',
  '弟弟',
  '妹妹',
  '父亲',
  '母亲',
  '亲戚',
  '家属',
  '邻居',
  '同事',
  '保姆',
  '护工',
];
const NUMERAL = '0-9零一二两俩仨三四五六七八九十百千万';
/**
 * 3个月, 三个月, 俩月, 仨月 (俩/仨 never name a month, so 个 may go), 半年, 一年; not the tail of 负3个月, which is
 * refused as negative, nor a rate after a sum (两毛一个月).
 */
const MONTH_COUNT = new RegExp(
  `(?<![-−负${NUMERAL}毛块元角钱])(?:(?<n>\\d{1,3}|[零一二两俩仨三四五六七八九十]{1,3})\\s*个\\s*月|(?<colloquial>[俩仨两])\\s*月|(?<quarters>[一二两三四1-4]?)\\s*个?\\s*季度(?!末|初)|(?<![上下])(?<half>半)\\s*年|(?<year>一|1|全)\\s*年(?![0-9零一二两三四五六七八九十]))`,
);
const monthCount = (g: Record<string, string | undefined>): number =>
  g.half
    ? 6
    : g.year
      ? 12
      : g.quarters !== undefined
        ? 3 * (parseChineseNumber(g.quarters || '一') ?? 0)
        : (parseChineseNumber(g.n ?? g.colloquial ?? '') ?? 0);
/** 今年, 明年 said alone: the year the months fall in, not twelve of them. */
const YEAR_ONLY = new RegExp(`^(?:${YEAR_WORD})$`);
/** Said before the payment itself: the command word, a greeting, a filler. */
const LEAD_REQUEST =
  /^(?:(?:麻烦|帮我|帮忙|给我|请)?(?:登记|记录|记|收到|收了|收|交费|缴费|党费|跟你说)(?:一下|一笔|下)?\s*)+/;
/** parseMoneyFen does not read these at all; they deserve a reason rather than "how much?". */
const NEGATIVE = new RegExp(`(?<![${NUMERAL}])[-−负]\\s*[1-9一二两三四五六七八九十]`);
const ZERO = /(?<![0-9.])(?:0+(?:\.0+)?(?![0-9.])|零(?=\s*(?:元|块)))/;

/**
 * Reads the text after 缴费: 「王桂兰 21元 现金」, 「王桂兰 9-11月 转账」, 「刘强 15元 代缴 刘小红(女儿)」,
 * 「李建国 1200元 自愿」, or a secretary's own sentence: 「老张的党费他闺女转过来了 交了仨月」, 「收到李大爷现金二十一块
 * 这个月的」. In the command form the member's name is the first word and must be written apart from what follows
 * (王桂兰21元 also works: digits end a name); in a sentence it is found by how it is used (收到X, X的党费, X交了).
 * The name is taken as written (老张, 李大爷): the handler finds whom it means among the officer's members. A bare
 * number is yuan. Method words other than 现金/微信/转账/银行卡 (支付宝…) are ignored rather than refused: the method
 * is optional. Limits that depend on the member's record (补交 within 6 months, 预交 within the branch limit) are
 * the allocation's, not checked here. 「… 姓名：张建华」 (the answer to 「是哪一位？」) names the member outright.
 */
export function parsePaymentCommand(text: string, now: Date, timeZone: string): PaymentCommandResult {
  const answered = NAME_ANSWER.exec(text);
  const body = answered ? text.slice(0, answered.index) : text;
  const words = stripFillers(body.replace(SEPARATORS, ' ')).replace(LEAD_REQUEST, '');
  const formal = leadingName(words, now, timeZone);
  const free = formal ? undefined : nameInSentence(words);
  const name = answered?.groups?.name ?? formal ?? free?.name;
  if (!name) return { ok: false, missing: 'name' };
  let rest = formal ? words.slice(formal.length) : free ? cut(words, free.index, free.matched) : words;

  const familyNamed = FAMILY_NAMED.exec(rest)?.groups;
  const family = FAMILY_PAID.exec(rest)?.groups?.relation ?? familyNamed?.relation;
  const method = METHODS.exec(rest)?.[0].toLowerCase();
  const voluntary = rest.includes('自愿');
  rest = rest.replace(METHOD_WORDS, ' ').replace(VOLUNTARY, ' ');

  let proxy: PaymentProxy | null = family
    ? {
        name: family === familyNamed?.relation ? (familyNamed.payer ?? '') : '',
        relation: relationWord(family),
      }
    : null;
  const proxyMatch = PROXY.exec(rest);
  if (proxyMatch) {
    // 「儿子一次交了一年的 代交」: a bare 代交 after the family member who paid.
    // 「代交了三个月」: what follows 代交 is the amount, not the payer's name.
    const who = proxyMatch.groups?.who ?? '';
    const payer = MONTH_COUNT.test(who) || /^[了的]/.test(who) ? '' : who;
    const relation = proxyMatch.groups?.relation?.trim() ?? '';
    const named = payer || relation ? readProxy(payer, relation) : null;
    if (!named && !proxy) return { ok: false, error: PAYMENT_ERRORS.proxy };
    rest = cut(rest, proxyMatch.index, named ? proxyMatch[0] : proxyMatch[0].slice(0, 2));
    proxy = named ?? proxy;
  }

  const read = readAmount(rest, now, timeZone);
  if (typeof read === 'string') return { ok: false, error: read };
  // The command form without an amount (「王桂兰 现金」) is asked for it; a sentence saying it was paid is not.
  const saysPaid = PAID.test(body) && !NOT_PAID.test(body);
  const amount: PaymentAmount | undefined = read ?? (saysPaid ? { kind: 'owed' } : undefined);
  if (!amount) return { ok: false, missing: 'amount' };
  if (amount.kind === 'fen' && amount.fen > MONTHLY_CAP_FEN && !voluntary) {
    return { ok: false, error: PAYMENT_ERRORS.overCap };
  }
  return {
    ok: true,
    value: {
      memberName: name,
      amount,
      proxy,
      method: method === undefined ? null : (METHOD_CODES[method] ?? null),
      voluntary,
    },
  };
}

/** Words saying the money has come, without saying how much (「他老伴给送来了」, 「帮她交了」). */
const PAID = /(?:交|缴|付)(?:了|的|上了|过了|清了)|送来|送过来|拿来|拿过来|转过来|转来了|转了|给了/;
/** 「还没交」, 「交了没」: a question or the opposite, not a payment to record. */
const NOT_PAID = /没|未|吗|不|？|\?/;

/** Appended to the sentence when the officer answers which member was meant. */
export const NAME_MARKER = '姓名：';
const NAME_ANSWER = new RegExp(`\\s*姓名[:：]\\s*(?<name>[${HAN}·•・]{2,12})\\s*$`);

/** Words a secretary writes around a payment, never a name: 「收到 李大爷 21块」 starts with 收到, not a name. */
const NOT_A_NAME =
  /收到|收了|党费|当费|交了|缴了|交的|交费|缴费|登记|今天|昨天|今儿|昨儿|前儿|刚才|这个|那个|他|她|已经|说|顺手|把/;
const PERSON = `(?:${FAMILIAR}|[${HAN}]{2,3}?)`;
/** Where a name stands in a payment sentence, most telling first. */
const NAME_PLACES: readonly RegExp[] = [
  new RegExp(`(?<name>${FAMILIAR})(?=[^${HAN}]|在|来|过来|把|她|他|的|交|住|给|转|拿|说|跟|和)`, 'g'),
  new RegExp(`(?:收到|收了|收)(?<name>${PERSON})(?=的|交|缴|给|现金|微信|转|党费|[${NUMERAL}]|\\s|$)`, 'g'),
  new RegExp(`(?<name>${PERSON})(?:同志)?(?:的|家的)?(?:党费|当费|黨費)`, 'g'),
  new RegExp(`(?<name>${PERSON})(?=交了|交的|缴了|缴的|把|托|让|家|他|她|给了|现金|微信)`, 'g'),
];

const FAMILIAR_NAME = new RegExp(
  `^(?:(?:老|小)(?<after>[${HAN}])|(?<before>[${HAN}])(?:大爷|大妈|大娘|大伯|大婶|大姐|大哥|阿姨|奶奶|爷爷|姥姥|姥爷|叔叔|叔|婶子|婶|姨|师傅|老师|老太太|老爷子))$`,
);

/** The surname in 老张, 小李, 李大爷, 王阿姨; null for a full name. The handler looks for it among the officer's members. */
export function familiarSurname(name: string): string | null {
  const m = FAMILIAR_NAME.exec(name);
  return m?.groups?.after ?? m?.groups?.before ?? null;
}

// A sentence starting with a common surname starts with the member's name (「冯军交俩月现金」, 「杜兰英腿脚不好 她外孙
// 拿来16块钱现金」), which then ends where the payment's words begin, or after three characters.
const PAYMENT_WORDS = new RegExp(
  `^(?:交|缴|来|拿|补|送|托|让|把|给|转|记|登记|这个?月|上个?月|一次|全年|半年|微信|现金|现钱|银行|打卡|卡上|的|他|她|在|今天|昨天|今儿|昨儿|前儿|刚|上午|下午|同志|家|党费|当费|[${NUMERAL}]|${alternation(RELATIONS)}|[A-Za-z]|\\s|$)`,
);

const LEADS_TO_NAME = new RegExp(`^[把帮给替](?=[老小]?[${SURNAMES.replace('钱', '')}])`);

/** The member a free sentence is about, where it stands. */
function nameInSentence(sentence: string): { name: string; index: number; matched: string } | undefined {
  // 「把丁大爷这个月的记上」, 「帮石桂英记一下」: the word that leads to the member stands before the name.
  const lead = LEADS_TO_NAME.exec(sentence)?.[0].length ?? 0;
  const found = nameAt(sentence.slice(lead));
  return found && { ...found, index: found.index + lead };
}

function nameAt(words: string): { name: string; index: number; matched: string } | undefined {
  const familiar = new RegExp(`^(?:${FAMILIAR})`).exec(words)?.[0];
  if (familiar && !NOT_FAMILIAR.test(familiar) && PAYMENT_WORDS.test(words.slice(familiar.length))) {
    return { name: familiar, index: 0, matched: familiar };
  }
  if (SURNAMES.includes(words.charAt(0))) {
    const run = new RegExp(`^[${HAN}]+`).exec(words)?.[0] ?? '';
    const length = [2, 3].find((n) => PAYMENT_WORDS.test(words.slice(n))) ?? (run.length >= 3 ? 3 : 0);
    const name = words.slice(0, length);
    if (length > 0 && !NOT_A_NAME.test(name)) return { name, index: 0, matched: name };
  }
  for (const place of NAME_PLACES) {
    for (const m of words.matchAll(place)) {
      const name = m.groups?.name ?? '';
      if (NOT_A_NAME.test(name) || NOT_FAMILIAR.test(name) || RELATIONS.includes(name)) continue;
      if (MONTH_COUNT.test(name)) continue;
      if (parseMoneyFen(name) !== undefined || /[0-9零一二两俩仨三四五六七八九十百千万]{2}/.test(name))
        continue;
      const index = m.index + m[0].indexOf(name);
      return { name, index, matched: name };
    }
  }
  return undefined;
}

/** The word the receipt shows for a relation said the colloquial way. */
const RELATION_WORDS: Readonly<Record<string, string>> = {
  孩子: '子女',
  爸: '父亲',
  爸爸: '父亲',
  妈: '母亲',
  妈妈: '母亲',
  闺女: '女儿',
  姑娘: '女儿',
  丫头: '女儿',
  小子: '儿子',
  老伴儿: '老伴',
  老头: '老伴',
  老头子: '老伴',
  老太婆: '老伴',
  家里人: '家属',
  // 「托人捎来」: someone not named brought it
  托人: '他人',
  让人: '他人',
};
/** 「他闺女转过来了」, 「她老伴帮着交的」, 「儿子替他交了」: someone of the family paid. */
const FAMILY_PAID = new RegExp(
  `(?:他|她|他们|人家)?家?(?<relation>${alternation([...RELATIONS, ...Object.keys(RELATION_WORDS)])})` +
    '[^\\s，。]{0,4}?(?:交|缴|转|付|拿|送|捎|代|替|过来)',
);

/** 「她爸沈晓明把今年一年的都代交了」: the relation, then the payer's own name, then what they did. */
const FAMILY_NAMED = new RegExp(
  `(?:他|她)(?<relation>${alternation([...RELATIONS, ...Object.keys(RELATION_WORDS)])})` +
    `(?<payer>[${SURNAMES}][${HAN}]{1,2}?)(?=把|帮|替|给|代)`,
);

const relationWord = (word: string): string => RELATION_WORDS[word] ?? word;

/** The first word when it is a name, not an amount or a keyword (三个月, 十一月, 现金, 二十一块 are 2–4 characters). */
function leadingName(words: string, now: Date, timeZone: string): string | undefined {
  const first = (words.split(' ')[0] ?? '').replace(/的$/, '');
  const name = LEADING_NAME.exec(first)?.[0];
  // 范丽华交15 is a sentence: the free reading finds the name.
  if (!name || !NAME.test(name) || /[交缴]$/.test(name)) return undefined;
  if (name !== first && !/^[0-9¥￥]/.test(first.slice(name.length))) return undefined;
  const notAName =
    /代缴|代交|代付|自愿/.test(name) ||
    NOT_A_NAME.test(name) ||
    METHODS.test(name) ||
    MONTH_COUNT.test(name) ||
    parseMoneyFen(name) !== undefined ||
    parseMonths(name, now, timeZone) !== undefined;
  return notAName ? undefined : name;
}

/** 代缴 刘小红(女儿), 代交 老伴, 代缴 女儿刘小红, 代缴 刘小红女儿, 代缴 刘小红; null when unreadable. */
function readProxy(who: string, relation: string): PaymentProxy | null {
  if (relation) return who === '' || NAME.test(who) ? { name: who, relation } : null;
  if (RELATIONS.includes(who)) return { name: '', relation: who };
  for (const r of RELATIONS) {
    if (who.startsWith(r) && NAME.test(who.slice(r.length)))
      return { name: who.slice(r.length), relation: r };
    if (who.endsWith(r) && NAME.test(who.slice(0, -r.length)))
      return { name: who.slice(0, -r.length), relation: r };
  }
  return NAME.test(who) ? { name: who, relation: '' } : null;
}

/**
 * The amount, a refusal in words, or undefined when none is written. A count of months and months named are
 * refused together, as are a sum and a count; a sum with the months it is for (「二十一块 这个月的」) is kept whole.
 */
function readAmount(rest: string, now: Date, timeZone: string): PaymentAmount | string | undefined {
  const count = MONTH_COUNT.exec(rest);
  let months: YearMonth[] | undefined;
  if (count) rest = cut(rest, count.index, count[0]);
  const named = parseMonths(rest, now, timeZone);
  // The count is the amount when the months named only place it: 「今年剩下俩月的」 (今年 alone), 「把十二月的也
  // 交了 俩月一块」 (one of the two). A count that disagrees with the months (2个月 9-11月) is refused below.
  if (
    named &&
    count &&
    (YEAR_ONLY.test(named.matched) || named.months.length < monthCount(count.groups ?? {}))
  ) {
    rest = cut(rest, named.index, named.matched);
  } else if (named) {
    months = nearerYear(named, currentYearMonth(now, timeZone));
    rest = cut(rest, named.index, named.matched);
  }
  const money = parseMoneyFen(rest, { bareNumberIs: 'yuan' });

  // 「十月十一月两个月的」: the count agrees with the months named and says nothing more.
  const said = count ? monthCount(count.groups ?? {}) : undefined;
  const counted = months && said === months.length ? undefined : said;
  if (counted !== undefined && months) return PAYMENT_ERRORS.amountAndMonths;
  let amount: PaymentAmount;
  if (money && months) amount = { kind: 'fen', fen: money.fen, months };
  else if (money && counted !== undefined) amount = { kind: 'fen', fen: money.fen, count: counted };
  else if (money) amount = { kind: 'fen', fen: money.fen };
  else if (counted !== undefined) amount = { kind: 'months', count: counted };
  else if (months) amount = { kind: 'months-list', months };
  else return NEGATIVE.test(rest) || ZERO.test(rest) ? PAYMENT_ERRORS.notPositive : undefined;
  if (counted === 0) return PAYMENT_ERRORS.notPositive;
  const monthTotal = counted ?? months?.length ?? 0;
  return monthTotal > MAX_MONTHS_PER_PAYMENT ? PAYMENT_ERRORS.tooManyMonths : amount;
}

/**
 * parseMonths puts a month still to come this year (12月 in November) in last year, which suits questions
 * about past payments; a secretary recording it more likely means 预交. Without a written year, take whichever
 * year is nearer the current month (ties stay in the past): 12月 in November is next month, in January last month.
 */
function nearerYear(match: MonthsMatch, current: YearMonth): YearMonth[] {
  const first = match.months[0] as YearMonth;
  if (match.matched.includes('年') || first.slice(0, 4) === current.slice(0, 4)) return match.months;
  const behind = compareMonths(current, first);
  const ahead = compareMonths(addMonths(first, 12), current);
  return ahead < behind ? match.months.map((m) => addMonths(m, 12)) : match.months;
}

const cut = (text: string, index: number, matched: string): string =>
  `${text.slice(0, index)} ${text.slice(index + matched.length)}`;

/**
 * The months a member's question names (「去年十二月的补上了吗」, 「三月份党费收到没」, 「这个月交了没有」),
 * or null when it names none and the caller decides (usually: all open months). Months without a year are the
 * most recent ones: questions are about payments already made.
 */
export function parseDuesQuestion(text: string, now: Date, timeZone: string): { months: YearMonth[] | null } {
  return { months: parseMonths(text, now, timeZone)?.months ?? null };
}

/**
 * What a member's words say about their dues category, first match wins: 低保 before 没退休金 (「俺没退休金 就靠低保」),
 * 没工作 before 工作. 工资 alone says nothing (retirees say 退休工资); 上班, 在职, 找到工作 say employed.
 */
const CATEGORY_WORDS: ReadonlyArray<readonly [DuesCategory, RegExp]> = [
  ['low_income', /低保/],
  ['student', /学生|在读|在校|读书呢|上大学|读大学|念书|还在上学|上着学|读研|读博/],
  ['unemployed', /失业|下岗|待业|无业|没(?:有)?(?:了)?工作|没活干|工作没了/],
  ['farmer', /农民|种地|务农|种田|在农村/],
  ['retired', /(?<!没有?)(?:退休|离休|养老金|退了休)/],
  ['employed', /在职|上班|(?<!没有?)(?:找到)?工作(?!没)|月薪|打工/],
];

export interface IncomeQuestion {
  /** The monthly income said, in fen; null when none is. */
  incomeFen: number | null;
  /** The category the words give; null when they give none. */
  category: DuesCategory | null;
}

/**
 * The income and category in 「党费标准 4200 退休」, 「我退休金四千二 一个月该交多少」, 「我每月工资五千二 党费该交多少」,
 * 「我吃低保的 党费怎么交」: a bare number is yuan.
 */
export function parseIncomeQuestion(text: string): IncomeQuestion {
  const money = parseMoneyFen(text, { bareNumberIs: 'yuan' });
  const category = CATEGORY_WORDS.find(([, words]) => words.test(text))?.[0] ?? null;
  return { incomeFen: money?.fen ?? null, category };
}
