/**
 * Complaint categories (domain.md §4.4) and the words residents use for them. A sentence goes to the
 * category whose words cover most of it (summed length of the words found); ties go to the category
 * listed first, so danger beats nuisance and a specific trade beats 「物业」, which people mention in
 * passing (「跟物业说了不管用」).
 */

export const CATEGORIES = [
  'safety',
  'drain',
  'leak',
  'water',
  'heating',
  'lighting',
  'noise',
  'sanitation',
  'illegal_build',
  'dogs',
  'parking',
  'property',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

interface CategorySpec {
  label: string;
  words: readonly string[];
  /** Usually needs outside work or money (maintenance fund, enforcement): the 15-day limit applies. */
  complex: boolean;
}

export const CATEGORY_SPECS: Readonly<Record<Category, CategorySpec>> = {
  safety: {
    label: '安全隐患',
    words: [
      '电线',
      '拉线',
      '飞线',
      '充电',
      '电瓶车',
      '井盖',
      '漏电',
      '燃气',
      '煤气',
      '天然气',
      '着火',
      '起火',
      '冒烟',
      '消防',
      '危险',
      '隐患',
      '坠落',
      '掉下来',
      '高空抛物',
      '护栏',
      '塌',
    ],
    complex: false,
  },
  drain: {
    label: '下水道堵塞',
    words: [
      '下水道',
      '下水井',
      '下水管',
      '下水',
      '化粪池',
      '化粪井',
      '污水井',
      '污水',
      '排水',
      '返水',
      '反水',
      '返脏水',
      '冒脏水',
      '堵了',
      '堵住',
      '堵塞',
      '不通',
      '地漏',
      '马桶',
    ],
    complex: false,
  },
  leak: {
    label: '房屋漏水',
    words: [
      '漏水',
      '渗水',
      '漏雨',
      '滴水',
      '墙皮',
      '脱落',
      '开裂',
      '裂缝',
      '顶楼',
      '外墙',
      '屋顶',
      '房顶',
      '发霉',
      '返潮',
      '水管漏',
      '楼上漏',
    ],
    complex: true,
  },
  water: {
    label: '供水',
    words: ['停水', '没水', '水压', '上不去水', '水小', '自来水', '水质', '黄水', '水表', '供水', '水管爆'],
    complex: false,
  },
  heating: {
    label: '供暖',
    words: ['暖气', '供暖', '不热', '停暖', '地暖', '采暖', '供热', '屋里冷', '冻'],
    complex: false,
  },
  lighting: {
    label: '路灯楼道灯',
    words: ['路灯', '楼道灯', '声控灯', '灯不亮', '灯坏', '不亮', '黑咕隆咚', '黑灯瞎火', '照明'],
    complex: false,
  },
  noise: {
    label: '噪声扰民',
    words: [
      '吵',
      '噪音',
      '噪声',
      '扰民',
      '装修',
      '打钻',
      '电钻',
      '砸墙',
      '广场舞',
      '施工',
      '半夜',
      '音响',
      '睡不着',
      '喇叭',
    ],
    complex: false,
  },
  sanitation: {
    label: '环境卫生',
    words: [
      '垃圾',
      '垃圾站',
      '垃圾桶',
      '清运',
      '没人清',
      '卫生',
      '臭',
      '异味',
      '油烟',
      '排烟',
      '老鼠',
      '蟑螂',
      '蚊子',
      '苍蝇',
      '脏',
      '乱扔',
    ],
    complex: false,
  },
  illegal_build: {
    label: '违章搭建',
    words: ['违建', '违章', '私搭', '乱建', '乱搭', '搭建', '种菜', '圈地', '占道', '绿化带', '加盖', '侵占'],
    complex: true,
  },
  dogs: {
    label: '文明养犬',
    words: ['狗', '遛狗', '拴绳', '狗屎', '狗粪', '犬', '咬人', '狗叫'],
    complex: false,
  },
  parking: {
    label: '停车',
    words: ['停车', '乱停', '车位', '占车位', '僵尸车', '挡道', '堵门', '消防通道'],
    complex: false,
  },
  property: {
    label: '物业管理',
    words: ['物业', '门禁', '电梯', '保安', '物业费', '不作为', '单元门'],
    complex: false,
  },
  other: { label: '其他', words: [], complex: false },
};

export const categoryLabel = (category: Category): string => CATEGORY_SPECS[category].label;

/** The category a label (「下水道堵塞」, 「噪声」) or code names, if any: for filters typed by officers. */
export function categoryFromLabel(text: string): Category | undefined {
  const wanted = text.trim();
  if (!wanted) return undefined;
  return CATEGORIES.find(
    (c) => c === wanted || CATEGORY_SPECS[c].label === wanted || CATEGORY_SPECS[c].label.startsWith(wanted),
  );
}

/** The category a complaint sentence is about; 'other' when no word of the table occurs. */
export function classify(text: string): Category {
  let best: { category: Category; score: number } | null = null;
  for (const category of CATEGORIES) {
    const score = CATEGORY_SPECS[category].words
      .filter((w) => text.includes(w))
      .reduce((sum, w) => sum + w.length, 0);
    if (score > 0 && (!best || score > best.score)) best = { category, score };
  }
  return best?.category ?? 'other';
}
