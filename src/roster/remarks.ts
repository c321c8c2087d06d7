/**
 * Reads the 备注 column of a 花名册, only where the words are unambiguous: officer roles (书记, 副书记 …),
 * 流动 (with the place when written), 预备, 代缴 X, 去世/已故, 转出, 停止党籍, a dues category (退休). Whatever
 * else is written is returned as `unread`, so the secretary is shown the row instead of it being dropped.
 */
import {
  codeForLabel,
  DUES_CATEGORY_LABELS,
  type DuesCategory,
  type MemberStatus,
  ROLE_LABELS,
  type Role,
} from '../domain/member-vocabulary.js';

export interface RemarkReading {
  roles: Role[];
  status?: Exclude<MemberStatus, 'active'>;
  /** Where a 流动 member is, when the remark says. */
  whereTo?: string;
  probationary?: true;
  proxyPayer?: { name: string; relation: string };
  duesCategory?: DuesCategory;
  /** The parts we did not understand, as written. */
  unread: string[];
}

/** Roles a remark may give: officers of the branch. 社工/管理员 come only from a 角色 column. */
const REMARK_ROLES: readonly Role[] = ['secretary', 'deputy_secretary', 'organiser', 'grid_leader'];

const RELATIONS = [
  '女儿',
  '儿子',
  '老伴',
  '妻子',
  '丈夫',
  '爱人',
  '儿媳',
  '女婿',
  '孙子',
  '孙女',
  '外孙',
  '外孙女',
  '侄子',
  '侄女',
];
const RELATION = `(${RELATIONS.join('|')})`;
const NAME = '([\\u4e00-\\u9fa5·]{2,5}?)';

/** 代缴 王小红(女儿) · 代缴人：王小红 · 女儿王小红代缴 · 由女儿王小红代缴 · 王小红（女儿）代缴. */
const PROXY_PATTERNS: ReadonlyArray<{ re: RegExp; name: number; relation: number }> = [
  { re: new RegExp(`代[缴交]人?[:：]?\\s*${NAME}\\s*[(（]${RELATION}[)）]`), name: 1, relation: 2 },
  { re: new RegExp(`由?${RELATION}${NAME}代[缴交]`), name: 2, relation: 1 },
  { re: new RegExp(`${NAME}\\s*[(（]${RELATION}[)）]\\s*代[缴交]`), name: 1, relation: 2 },
  { re: new RegExp(`代[缴交]人?[:：]?\\s*${RELATION}${NAME}(?![\\u4e00-\\u9fa5])`), name: 2, relation: 1 },
  { re: new RegExp(`代[缴交]人?[:：]?\\s*${NAME}(?![\\u4e00-\\u9fa5])`), name: 1, relation: 0 },
];

/** 流动 · 流动党员 · 流动（深圳） · 流动党员：在深圳务工. */
const MOBILE = /流动(?:党员)?(?:\s*[(（]([^)）]+)[)）]|[:：]\s*([^，,、;；。\s]+))?/;

const STATUS_WORDS: ReadonlyArray<[RegExp, Exclude<MemberStatus, 'active' | 'mobile'>]> = [
  [/^(?:已|于)?(?:\d{4}(?:年|\.|-)?(?:\d{1,2}月?)?)?(?:去世|已故|病故|逝世)$/, 'deceased'],
  [/^(?:已|于)?(?:\d{4}(?:年|\.|-)?(?:\d{1,2}月?)?)?转出(?:至.*)?$/, 'transferred_out'],
  [/^停止党籍$/, 'suspended'],
];

const SEPARATORS = /[，,、;；。\s]+/;

export function readRemarks(text: string): RemarkReading {
  const reading: RemarkReading = { roles: [], unread: [] };
  let rest = text.trim();
  for (const { re, name, relation } of PROXY_PATTERNS) {
    const m = re.exec(rest);
    if (!m?.[name]) continue;
    reading.proxyPayer = { name: m[name], relation: relation > 0 ? (m[relation] ?? '') : '' };
    rest = rest.replace(m[0], ' ');
    break;
  }
  const mobile = MOBILE.exec(rest);
  if (mobile) {
    reading.status = 'mobile';
    const place = (mobile[1] ?? mobile[2] ?? '').trim();
    if (place !== '') reading.whereTo = place;
    rest = rest.replace(mobile[0], ' ');
  }
  for (const word of rest.split(SEPARATORS).filter((w) => w !== '')) {
    const role = codeForLabel(ROLE_LABELS, word);
    const status = STATUS_WORDS.find(([re]) => re.test(word))?.[1];
    const category = codeForLabel(DUES_CATEGORY_LABELS, word);
    if (role && REMARK_ROLES.includes(role)) {
      if (!reading.roles.includes(role)) reading.roles.push(role);
    } else if (role === 'member') {
      // 「党员」 says nothing new.
    } else if (/^预备(?:党员|期)?$/.test(word)) reading.probationary = true;
    else if (status && reading.status === undefined) reading.status = status;
    else if (category && category !== 'other' && reading.duesCategory === undefined) {
      reading.duesCategory = category;
    } else reading.unread.push(word);
  }
  return reading;
}
