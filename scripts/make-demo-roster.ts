/**
 * Writes fixtures/demo/grids.csv and members.csv for the demo community 幸福里社区 (code xingfuli).
 * Deterministic (seeded PRNG): re-running yields identical files. Phones are the fake 1380000xxxx range.
 *   npx tsx scripts/make-demo-roster.ts
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { projectPath } from '../src/paths.js';
import { GRID_COLUMNS, MEMBER_COLUMNS, type MemberColumnKey } from '../src/roster/columns.js';
import { formatFen } from '../src/roster/export.js';

/** mulberry32: small, seedable, good enough for fixtures. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261123);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
const pad = (n: number) => String(n).padStart(2, '0');
const date = (fromYear: number, toYear: number) =>
  `${int(fromYear, toYear)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;

const GRIDS = [
  { code: 'G01', name: '第一网格', leader: 'zhoujing', buildings: ['1号楼', '2号楼', '3号楼', '4号楼'] },
  {
    code: 'G02',
    name: '第二网格',
    leader: 'majianjun',
    buildings: ['5号楼', '6号楼', '7号楼', '8号楼', '9号楼'],
  },
  { code: 'G03', name: '第三网格', leader: 'liuqiang', buildings: ['10号楼', '11号楼', '12号楼', '13号楼'] },
  {
    code: 'G04',
    name: '第四网格',
    leader: 'zhenglina',
    buildings: ['14号楼', '15号楼', '16号楼', '17号楼', '18号楼', '19号楼'],
  },
  { code: 'G05', name: '第五网格', leader: 'gaozhigang', buildings: ['20号楼', '21号楼', '22号楼'] },
  { code: 'G06', name: '第六网格', leader: 'hehaiyan', buildings: ['23号楼', '24号楼', '25号楼', '26号楼'] },
  {
    code: 'G07',
    name: '第七网格',
    leader: 'linxiaoyan',
    buildings: ['27号楼', '28号楼', '29号楼', '30号楼'],
  },
  {
    code: 'G08',
    name: '东区网格',
    leader: 'luolixin',
    buildings: ['东区1栋', '东区2栋', '东区3栋', '东区4栋', '东区5栋'],
  },
  {
    code: 'G09',
    name: '西区网格',
    leader: 'songjiayi',
    buildings: ['西区1栋', '西区2栋', '西区3栋', '西区4栋'],
  },
];

const BRANCHES = {
  居民第一支部: ['第一党小组', '第二党小组', '第三党小组'],
  居民第二支部: ['第一党小组', '第二党小组'],
  退休支部: ['第一党小组', '第二党小组', '第三党小组'],
} as const;
type BranchName = keyof typeof BRANCHES;
/** Members per branch, fixed people included (a branch is generally at most 50). */
const BRANCH_SIZE: Record<BranchName, number> = { 居民第一支部: 49, 居民第二支部: 47, 退休支部: 49 };

type Category = '在职' | '退休' | '学生' | '失业' | '低保';
interface Person {
  userid: string;
  name: string;
  branch?: BranchName;
  roles: string[];
  category: Category;
  /** Pension or after-tax pay in 元 (multiple of 100); the dues follow §1.1 of the domain notes. */
  base?: number;
  joinedOn?: string;
  grid?: string;
  probationary?: boolean;
  mobile?: { whereTo: string; since: string; proxy: string };
  noPhone?: boolean;
  staffOnly?: boolean;
}

/** People other code, tests and the stand-in directory already use; officers and grid leaders. */
const FIXED: Person[] = [
  {
    userid: 'lijianguo',
    name: '李建国',
    branch: '居民第一支部',
    roles: ['书记'],
    category: '退休',
    base: 4800,
    joinedOn: '1978-06-15',
  },
  {
    userid: 'majianjun',
    name: '马建军',
    branch: '居民第一支部',
    roles: ['副书记', '网格长'],
    category: '在职',
    base: 7600,
    joinedOn: '1996-07-01',
    grid: 'G02',
  },
  {
    userid: 'chenshufen',
    name: '陈淑芬',
    branch: '居民第一支部',
    roles: ['组织委员'],
    category: '退休',
    base: 4200,
    joinedOn: '1985-03-20',
  },
  {
    userid: 'liuqiang',
    name: '刘强',
    branch: '居民第一支部',
    roles: ['网格长'],
    category: '在职',
    base: 5200,
    joinedOn: '2008-10-12',
    grid: 'G03',
  },
  {
    userid: 'sunli',
    name: '孙丽',
    branch: '居民第一支部',
    roles: [],
    category: '在职',
    base: 6800,
    joinedOn: '2012-05-04',
  },
  {
    userid: 'hehaiyan',
    name: '何海燕',
    branch: '居民第一支部',
    roles: ['网格长', '社工'],
    category: '在职',
    base: 4600,
    joinedOn: '2015-06-28',
    grid: 'G06',
  },
  {
    userid: 'yangweidong',
    name: '杨卫东',
    branch: '居民第二支部',
    roles: ['书记'],
    category: '退休',
    base: 5600,
    joinedOn: '1982-09-09',
  },
  {
    userid: 'wuhaibo',
    name: '吴海波',
    branch: '居民第二支部',
    roles: ['副书记'],
    category: '在职',
    base: 9800,
    joinedOn: '2001-07-01',
  },
  {
    userid: 'gaozhigang',
    name: '高志刚',
    branch: '居民第二支部',
    roles: ['组织委员', '网格长'],
    category: '在职',
    base: 6200,
    joinedOn: '2003-11-18',
    grid: 'G05',
  },
  {
    userid: 'zhangwei',
    name: '张伟',
    branch: '居民第二支部',
    roles: [],
    category: '在职',
    base: 8500,
    joinedOn: '2010-12-26',
  },
  {
    userid: 'zhouming',
    name: '周明',
    branch: '居民第二支部',
    roles: [],
    category: '在职',
    base: 12500,
    joinedOn: '2006-04-30',
  },
  {
    userid: 'guodeming',
    name: '郭德明',
    branch: '退休支部',
    roles: ['书记'],
    category: '退休',
    base: 5400,
    joinedOn: '1968-08-01',
  },
  {
    userid: 'zhuyulan',
    name: '朱玉兰',
    branch: '退休支部',
    roles: ['副书记'],
    category: '退休',
    base: 3900,
    joinedOn: '1973-03-08',
  },
  {
    userid: 'luolixin',
    name: '罗立新',
    branch: '退休支部',
    roles: ['组织委员', '网格长'],
    category: '退休',
    base: 4500,
    joinedOn: '1979-05-16',
    grid: 'G08',
  },
  {
    userid: 'wangguilan',
    name: '王桂兰',
    branch: '退休支部',
    roles: [],
    category: '退休',
    base: 3600,
    joinedOn: '1972-10-01',
  },
  {
    userid: 'zhaoxiuying',
    name: '赵秀英',
    branch: '退休支部',
    roles: [],
    category: '退休',
    base: 3200,
    joinedOn: '1975-07-01',
  },
  // Community staff (社工): grid leaders and the administrator, not Party members of these branches.
  {
    userid: 'zhoujing',
    name: '周静',
    roles: ['网格长', '社工'],
    category: '在职',
    grid: 'G01',
    staffOnly: true,
  },
  {
    userid: 'zhenglina',
    name: '郑丽娜',
    roles: ['网格长', '社工'],
    category: '在职',
    grid: 'G04',
    staffOnly: true,
  },
  {
    userid: 'linxiaoyan',
    name: '林晓燕',
    roles: ['网格长', '社工'],
    category: '在职',
    grid: 'G07',
    staffOnly: true,
  },
  {
    userid: 'songjiayi',
    name: '宋佳怡',
    roles: ['网格长', '社工'],
    category: '在职',
    grid: 'G09',
    staffOnly: true,
  },
  { userid: 'hanxuemei', name: '韩雪梅', roles: ['社工', '管理员'], category: '在职', staffOnly: true },
];

const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['赵', 'zhao'],
  ['黄', 'huang'],
  ['周', 'zhou'],
  ['吴', 'wu'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['高', 'gao'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['韩', 'han'],
  ['冯', 'feng'],
  ['邓', 'deng'],
  ['曹', 'cao'],
  ['彭', 'peng'],
  ['田', 'tian'],
  ['董', 'dong'],
  ['袁', 'yuan'],
  ['潘', 'pan'],
  ['蒋', 'jiang'],
  ['蔡', 'cai'],
  ['杜', 'du'],
  ['叶', 'ye'],
  ['程', 'cheng'],
  ['苏', 'su'],
  ['魏', 'wei'],
  ['丁', 'ding'],
  ['任', 'ren'],
  ['沈', 'shen'],
  ['姜', 'jiang'],
  ['范', 'fan'],
  ['方', 'fang'],
  ['石', 'shi'],
];
/** Given names by generation, as people of that age are typically named. */
const GIVEN: Record<'elder' | 'middle' | 'young', ReadonlyArray<readonly [string, string]>> = {
  elder: [
    ['建华', 'jianhua'],
    ['国庆', 'guoqing'],
    ['振华', 'zhenhua'],
    ['学文', 'xuewen'],
    ['保国', 'baoguo'],
    ['长顺', 'changshun'],
    ['福生', 'fusheng'],
    ['玉林', 'yulin'],
    ['树森', 'shusen'],
    ['德华', 'dehua'],
    ['秀兰', 'xiulan'],
    ['凤英', 'fengying'],
    ['桂英', 'guiying'],
    ['淑珍', 'shuzhen'],
    ['玉珍', 'yuzhen'],
    ['素梅', 'sumei'],
    ['翠华', 'cuihua'],
    ['美华', 'meihua'],
    ['金凤', 'jinfeng'],
    ['兰英', 'lanying'],
    ['秀珍', 'xiuzhen'],
    ['永福', 'yongfu'],
    ['世民', 'shimin'],
    ['红英', 'hongying'],
    ['志远', 'zhiyuan'],
  ],
  middle: [
    ['军', 'jun'],
    ['勇', 'yong'],
    ['磊', 'lei'],
    ['斌', 'bin'],
    ['涛', 'tao'],
    ['志勇', 'zhiyong'],
    ['建军', 'jianjun'],
    ['晓东', 'xiaodong'],
    ['宏伟', 'hongwei'],
    ['海涛', 'haitao'],
    ['静', 'jing'],
    ['敏', 'min'],
    ['艳', 'yan'],
    ['芳', 'fang'],
    ['娟', 'juan'],
    ['霞', 'xia'],
    ['红梅', 'hongmei'],
    ['丽华', 'lihua'],
    ['雪梅', 'xuemei'],
    ['春燕', 'chunyan'],
    ['国栋', 'guodong'],
    ['文博', 'wenbo'],
  ],
  young: [
    ['浩然', 'haoran'],
    ['子轩', 'zixuan'],
    ['宇航', 'yuhang'],
    ['一鸣', 'yiming'],
    ['博文', 'bowen'],
    ['俊杰', 'junjie'],
    ['思远', 'siyuan'],
    ['雨欣', 'yuxin'],
    ['思琪', 'siqi'],
    ['梓涵', 'zihan'],
    ['欣怡', 'xinyi'],
    ['诗涵', 'shihan'],
  ],
};
const RELATIVE_NAMES = ['小红', '小军', '建平', '丽萍', '晓明', '文静', '海军', '秀云'];

const usedNames = new Set(FIXED.map((p) => p.name));
const usedIds = new Set(FIXED.map((p) => p.userid));

function newName(cohort: keyof typeof GIVEN): { name: string; userid: string } {
  for (;;) {
    const [surname, surnamePinyin] = pick(SURNAMES);
    const [given, givenPinyin] = pick(GIVEN[cohort]);
    const name = `${surname}${given}`;
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    let userid = `${surnamePinyin}${givenPinyin}`;
    for (let n = 2; usedIds.has(userid); n++) userid = `${surnamePinyin}${givenPinyin}${n}`;
    usedIds.add(userid);
    return { name, userid };
  }
}

/** The mix of each branch's generated members: resident branches hold many retirees too. */
function generated(branch: BranchName, count: number): Person[] {
  const people: Person[] = [];
  const plan: Category[] =
    branch === '退休支部'
      ? Array(count).fill('退休')
      : branch === '居民第一支部'
        ? ['学生', '失业', '低保', ...Array(20).fill('退休'), ...Array(count - 23).fill('在职')]
        : ['学生', '学生', '失业', '低保', ...Array(15).fill('退休'), ...Array(count - 19).fill('在职')];
  for (const category of plan) {
    const cohort = category === '退休' ? 'elder' : category === '学生' ? 'young' : 'middle';
    const person: Person = { ...newName(cohort), branch, roles: [], category };
    if (category === '退休') {
      person.base = int(26, 65) * 100;
      person.joinedOn = date(1960, 1995);
      person.noPhone = random() < 0.05;
    } else if (category === '在职') {
      // Most after-tax pay is modest; a few earn over 10,000.
      person.base = Math.round((3000 + random() ** 2 * 12000) / 100) * 100;
      person.joinedOn = date(1996, 2022);
    } else {
      person.joinedOn = category === '学生' ? date(2021, 2024) : date(1998, 2015);
    }
    people.push(person);
  }
  return people;
}

const MOBILE_PLACES = [
  '广东省深圳市',
  '上海市浦东新区',
  '浙江省杭州市',
  '江苏省苏州市',
  '北京市海淀区',
  '海南省三亚市',
  '广东省广州市',
];

/** 流动党员: working or studying elsewhere, or retirees living with their children; a relative pays. */
function makeMobile(people: readonly Person[]): void {
  const candidates = [
    ...people.filter((p) => p.category === '在职' && p.branch === '居民第一支部').slice(0, 2),
    ...people.filter((p) => p.category === '在职' && p.branch === '居民第二支部').slice(0, 2),
    ...people.filter((p) => p.category === '学生').slice(0, 1),
    ...people.filter((p) => p.category === '退休' && p.branch === '退休支部').slice(0, 2),
  ];
  candidates.forEach((p, i) => {
    const relation = p.category === '退休' ? pick(['女儿', '儿子']) : p.category === '学生' ? '父亲' : '老伴';
    const surname = relation === '老伴' ? pick(SURNAMES)[0] : p.name.slice(0, 1);
    p.mobile = {
      whereTo: MOBILE_PLACES[i] ?? '广东省深圳市',
      since: date(2023, 2025),
      proxy: `${surname}${pick(RELATIVE_NAMES)}（${relation}）`,
    };
  });
}

/** 预备党员: accepted within the last year, so still in their probation. */
function makeProbationary(people: readonly Person[]): void {
  const candidates = [
    ...people.filter((p) => p.category === '学生' && !p.mobile).slice(0, 2),
    ...people.filter((p) => p.category === '在职' && !p.mobile).slice(-3),
  ];
  for (const p of candidates) {
    p.probationary = true;
    p.joinedOn = `${pick(['2025-12', '2026-03', '2026-06', '2026-07'])}-${pad(int(1, 28))}`;
  }
}

/** Monthly dues in fen, §1.1: salaried 0.5/1/1.5/2 % by bracket, retirees 0.5/1 %, others 0.20 元. */
function duesFen(p: Person): number {
  if (p.base === undefined) return 20;
  const b = p.base;
  const basisPoints =
    p.category === '退休'
      ? b <= 5000
        ? 50
        : 100
      : b <= 3000
        ? 50
        : b <= 5000
          ? 100
          : b <= 10000
            ? 150
            : 200;
  return (b * basisPoints) / 100;
}

const allBuildings = GRIDS.flatMap((g) => g.buildings.map((b) => ({ grid: g.code, building: b })));

function memberCells(p: Person, index: number): Record<MemberColumnKey, string> {
  // Grid leaders live in the grid they lead.
  const home = pick(allBuildings.filter((b) => p.grid === undefined || b.grid === p.grid));
  const room = `${int(1, 6)}0${int(1, 2)}`;
  return {
    wecomUserId: p.userid,
    name: p.name,
    branch: p.branch ?? '',
    partyGroup: p.branch ? pick(BRANCHES[p.branch]) : '',
    grid: p.grid ?? (p.staffOnly ? '' : home.grid),
    roles: (p.staffOnly ? p.roles : ['党员', ...p.roles]).join('、'),
    duesCategory: p.category,
    status: p.mobile ? '流动' : '正常',
    phone: p.noPhone ? '' : `1380000${String(index + 1).padStart(4, '0')}`,
    address: p.staffOnly ? '' : `${home.building}${int(1, 4)}单元${room}`,
    monthlyDues: p.staffOnly ? '' : formatFen(duesFen(p)),
    proxyPayer: p.mobile?.proxy ?? '',
    joinedOn: p.joinedOn ?? '',
    mobileWhereTo: p.mobile?.whereTo ?? '',
    mobileSince: p.mobile?.since ?? '',
    probationary: p.probationary ? '是' : '否',
    plainTextOnly: '否',
  };
}

const people: Person[] = [];
for (const branch of Object.keys(BRANCHES) as BranchName[]) {
  const fixed = FIXED.filter((p) => p.branch === branch);
  people.push(...fixed, ...generated(branch, BRANCH_SIZE[branch] - fixed.length));
}
people.push(...FIXED.filter((p) => p.staffOnly));
// Only generated people: the fixed ones keep the attributes other code relies on.
const generatedPeople = people.filter((p) => !FIXED.includes(p));
makeMobile(generatedPeople);
makeProbationary(generatedPeople);

const csv = (rows: string[][]) => stringify(rows, { bom: true });
writeFileSync(
  projectPath('fixtures/demo/grids.csv'),
  csv([
    GRID_COLUMNS.map((c) => c.header),
    ...GRIDS.map((g) => [g.code, g.name, g.leader, g.buildings.join('、'), '']),
  ]),
);
writeFileSync(
  projectPath('fixtures/demo/members.csv'),
  csv([
    MEMBER_COLUMNS.map((c) => c.header),
    ...people.map((p, i) => {
      const cells = memberCells(p, i);
      return MEMBER_COLUMNS.map((c) => cells[c.key]);
    }),
  ]),
);
console.log(`fixtures/demo: ${GRIDS.length} grids, ${people.length} members`);
