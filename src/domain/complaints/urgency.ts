/**
 * An emergency makes a complaint urgent (domain.md §4.1: the shortest limits): someone trapped, fire or smoke,
 * a gas smell, a live wire, a collapse, water flooding in now. A hazard that has not yet struck (飞线充电, a
 * loose manhole cover, an expired extinguisher) is 安全隐患 but not urgent: it gets the ordinary limits.
 * The danger often hides under ordinary words (「电梯又把人关里面了」, 「插座冒烟」), so the patterns allow a few
 * characters between the parts.
 */
/** Who may be trapped: 人, family words, 他/她. */
const SOMEONE =
  '(?:人|妈|爸|娘|孩子|小孩|娃|老人家|老人|老太太|老太婆|老头子|老头|老爷子|奶奶|爷爷|姥姥|姥爷|老伴|媳妇|闺女|儿子|邻居|他|她)';

const DANGER = new RegExp(
  [
    // trapped
    '被困',
    '困人',
    '困住',
    '困在',
    '困着',
    '(?:关|困|卡)[^，。 ]{0,4}(?:里面|里头|里边|电梯里)',
    '关电梯里',
    '被卡(?:在|住)',
    '卡在[^，。 ]{0,6}门缝',
    '(?:里面|里头|里边)还?(?:关|困|卡)着',
    '卡在[^，。]{0,8}(?:中间|出不来)',
    '出不来了?(?!门)',
    '人还?在里面',
    // 「电梯卡在六楼了 我妈还在里头」: someone named still inside
    `${SOMEONE}还?(?:在|被?(?:困|关|锁)在)(?:电梯)?(?:里面|里头|里边)`,
    '快来人',
    '掉进去了',
    // fire and smoke
    '(?<![打点]不?)着火',
    '起火',
    '火灾',
    '失火',
    '烧起来',
    '烧着了',
    '冒(?:黑|白|青)?烟',
    '冒火',
    '火苗',
    '浓烟',
    // gas
    '(?:煤气|燃气|天然气|液化气)的?(?:味|泄漏|漏了|漏气)',
    '漏气',
    '[一有]股[^，。 ]{0,4}(?:煤气|燃气|天然气|液化气)',
    '像(?:煤气|燃气|天然气)',
    '臭鸡蛋味',
    '(?:燃气|煤气|天然气)[^，。]{0,12}(?:嘶嘶|漏了|泄漏)',
    // electricity
    '漏电',
    '触电',
    '电着人',
    '电线[^，。]{0,6}(?:掉|断|耷拉|落)',
    '(?:冒|打)火花',
    '(?<![所没])有电(?![动瓶梯视脑话费表线箱器灯])',
    '电线裸露',
    // collapse and flooding now
    '坍塌',
    // 塌了一块 (a crumbled step) is a hazard to mend, not a collapse
    '塌(?:了|下来)(?!个|一?小?[块角点边])',
    // water in the home now; a flooded yard or street is a drain to clear, not an emergency
    '(?:屋|家)[^，。 ]{0,4}(?:淹了|灌)',
    '淹了[^，。 ]{0,4}屋',
    '还在(?:往上|往外|往里)?(?:冒水|冒|涨|灌)',
    '水漫',
    '倒灌',
    '爆管',
    '水管爆',
    '救命',
    // someone who may have collapsed at home (独居老人 who does not answer the door)
    '敲门[^，。 ]{0,3}(?:不应|没人应|没反应|不开|没动静|没人开|没声)',
    '(?:倒|摔)在(?:家|屋)里',
  ].join('|'),
);

/**
 * Words that take the alarm back: 「没有冒烟」, 「不像煤气味」 are reassurances, and 「万一着火了」, 「怕漏电」 fears of what
 * has not happened.
 */
const NEGATED = /(?:没有|没|不是|不像|万一|怕|担心|小心|会不会|防止|容易)$/;

/**
 * 「堆满了纸壳子 着火咋办」 asks what would happen: the danger followed straight by 咋办 is a worry, unless the
 * sentence also calls for help now (快来人, 救命, 赶紧). 「插座冒烟了咋办」 says it has happened (了): urgent.
 */
const WHAT_IF = /^\s*(?:咋办|怎么办|怎办|咋整|怎么整|谁负责|谁管)/;
const NOW = /快来|救命|赶紧|赶快|马上来|正在/;

export function isUrgent(text: string): boolean {
  const flags = new RegExp(DANGER.source, 'g');
  for (const m of text.matchAll(flags)) {
    const negated = NEGATED.test(text.slice(Math.max(0, m.index - 4), m.index).replace(/了$/, ''));
    const whatIf = WHAT_IF.test(text.slice(m.index + m[0].length)) && !NOW.test(text);
    if (!negated && !whatIf) return true;
  }
  return false;
}
