/**
 * A member's name in a free sentence (「帮我查下孙晓东这个人」, 「给行动不便的王奶奶送学上门了」, 「刘志强电话多少」),
 * as written: 老张, 李大爷 or a full name. The roster is not at hand here, so a name is found by where it stands:
 * a familiar form anywhere, else a common surname after a word that leads to a person, ending where the words
 * about the person begin.
 */

import { toSimplified } from './traditional.js';

const HAN = '\\u4e00-\\u9fa5';

/** Common surnames. */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';

/** How people name someone they know: 老张, 小李, 李大爷, 王阿姨, 刘师傅; by a surname, so 那老爷子 is nobody. */
export const FAMILIAR = `(?:老|小)[${SURNAMES}]|[${SURNAMES}](?:大爷|大妈|大娘|大伯|大婶|大姐|大哥|阿姨|奶奶|爷爷|姥姥|姥爷|叔叔|叔|婶子|婶|姨|师傅|老师|老太太|老爷子)`;
/** Words that look like 老张 or 小李 but name no one. */
export const NOT_FAMILIAR =
  /^(?:老伴|老家|老人|老年|老头|老公|老婆|老板|老师|老是|老在|小区|小组|小时|小孩|小子|小伙|小卖|小事|小学|小朋友)/;

/** What may stand right before a name: nothing, a space or mark, or a word that leads to a person. */
const BEFORE = new RegExp(`(?:^|[^${HAN}]|[查找给帮替把去下个的了员签学到问看])$`);
/** What may follow a name: the end, a space or mark, or the words about the person (是, 的电话, 入党, 到了 …). */
const AFTER = new RegExp(
  `^(?:$|[^${HAN}]|的|是|在|还|住|家|他|她|电话|手机|联系|哪|入党|党龄|个人|档案|资料|信息|[这那]|现在|人员|到|来|腿|补|送|没|代|登记|看|查|同志|行动|身体|生病|卧床|瘫|年纪|岁数|眼睛|耳朵|出差|回老家|不方便|啥|什么|几|多大|咋|怎么|上回|上次|那天|昨天|前天|今天|学习)`,
);
const FAMILIAR_AT = new RegExp(FAMILIAR, 'g');
/** Everyday words that begin with a surname character (成员, 党员, 时间, 明天 …): never a name. */
const NOT_A_NAME =
  /^(?:成员|党员|党费|党组|党龄|支部|单元|单号|时间|时候|明天|明年|和他|和她|和我|方便|安全|关于|全部|全体|车位|路灯|文件|信息|向他|向她|于是|万一|应该|师傅|司机|管理|高龄|党群|金额|华为|齐全|常规|简单|资料)/;

/** The first name in the text as written, or null. */
export function personNameIn(text: string): string | null {
  const s = toSimplified(text);
  for (const m of s.matchAll(FAMILIAR_AT)) {
    if (!NOT_FAMILIAR.test(s.slice(m.index))) return m[0];
  }
  for (let i = 0; i < s.length; i++) {
    if (!SURNAMES.includes(s.charAt(i)) || !BEFORE.test(s.slice(0, i))) continue;
    for (const length of [2, 3]) {
      const name = s.slice(i, i + length);
      if (NOT_A_NAME.test(s.slice(i))) break;
      // 「查党员的电话」: a word starting inside the candidate (党员) means it is no name.
      const wordInside = [1, 2].some((k) => k < length && NOT_A_NAME.test(s.slice(i + k)));
      if (!wordInside && new RegExp(`^[${HAN}]{${length}}$`).test(name) && AFTER.test(s.slice(i + length)))
        return name;
    }
  }
  return null;
}
