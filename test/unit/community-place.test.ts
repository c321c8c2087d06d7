import { describe, expect, it } from 'vitest';
import { communityAndPeriod, splitCommunityWord } from '../../src/desk/street.js';
import { communityChosen, communityNamedIn } from '../../src/domain/community-place.js';
import { parsePeriod } from '../../src/domain/text/index.js';

const COMMUNITIES = [
  {
    id: 'heping',
    name: '和平里社区',
    buildings: ['1号楼', '5号楼', '6号楼', '北区1栋', '北区2栋'],
    addresses: ['和平里北街12号院'],
  },
  { id: 'xingfuli', name: '幸福里社区', buildings: ['5号楼', '6号楼', '东区3栋'], addresses: ['安定路20号'] },
];

describe('the community a message names', () => {
  it.each([
    ['北区2栋门口路灯坏了', 'heping'],
    ['东区三栋楼道灯不亮', 'xingfuli'],
    ['幸福里5号楼电梯坏了', 'xingfuli'],
    ['和平里小区6号楼漏水', 'heping'],
    ['安定路20号门口井盖松了', 'xingfuli'],
    ['1号楼下水道堵了', 'heping'],
  ])('%s → %s', (text, id) => expect(communityNamedIn(text, COMMUNITIES)).toBe(id));

  it.each(['5号楼2单元下水道堵了', '小区东门路灯坏了', '幸福里和和平里之间的路灯坏了'])(
    'none, or more than one: %s',
    (text) => expect(communityNamedIn(text, COMMUNITIES)).toBeNull(),
  );
});

describe('the answer to 「您住在哪个社区？」', () => {
  it.each([
    ['1', 'heping'],
    ['第二个', 'xingfuli'],
    ['幸福里', 'xingfuli'],
    ['和平里社区', 'heping'],
  ])('%s → %s', (text, id) => expect(communityChosen(text, COMMUNITIES)).toBe(id));

  it.each(['3', '不知道', '5号楼'])('not an answer: %s', (text) =>
    expect(communityChosen(text, COMMUNITIES)).toBeNull(),
  );
});

describe('a community named in a street officer’s request', () => {
  const isPeriod = (w: string) => ['上个月', '本月', '今年'].includes(w);
  it.each([
    ['和平里 上个月', { community: '和平里', rest: '上个月' }],
    ['和平里社区', { community: '和平里社区', rest: '' }],
    ['上个月', { community: null, rest: '上个月' }],
    ['10月', { community: null, rest: '10月' }],
    ['', { community: null, rest: '' }],
  ])('%s', (text, split) => expect(splitCommunityWord(text, isPeriod)).toEqual(split));
});

describe('the community and the period of a street officer’s request (at 2026-11-23, Shanghai)', () => {
  const period = (text: string) => parsePeriod(text, new Date('2026-11-23T10:00:00+08:00'), 'Asia/Shanghai');
  it.each([
    ['和平里 上个月', { community: '和平里', period: ['2026-10'] }],
    ['和平里 三季度', { community: '和平里', period: ['2026-07', '2026-08', '2026-09'] }],
    // A year is read only standing alone: after the community word, not in the whole request.
    [
      '和平里 2025年',
      {
        community: '和平里',
        period: Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
      },
    ],
    ['上个月', { community: null, period: ['2026-10'] }],
    ['和平里', { community: '和平里', period: undefined }],
    ['', { community: null, period: undefined }],
  ])('%s', (text, expected) => expect(communityAndPeriod(text, period)).toEqual(expected));
});
