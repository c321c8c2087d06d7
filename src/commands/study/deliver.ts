import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, defineCommand, ok } from '../../bot/command.js';
import { parseRecordForMember } from '../../domain/study/index.js';
import type { IsoDate } from '../../domain/text/index.js';
import { recordForMember } from './common.js';

/** 送学上门 <姓名>: the branch took the session's material to an elderly or housebound member. */
export const studyDeliver = defineCommand<{ words: string; date: IsoDate | null }>({
  id: 'study.deliver',
  triggers: ['送学上门', '送学'],
  audience: OFFICERS,
  writes: true,
  summary: '登记送学上门',
  examples: ['送学上门 王桂兰'],
  parse(rest, { now, timeZone }) {
    const parsed = parseRecordForMember(rest, now, timeZone);
    return parsed.ok
      ? ok(parsed.value)
      : ask('name', '请问为哪位党员送学上门？请发姓名。', expects('name', '王桂兰'));
  },
  handle: (ctx, request) => recordForMember(ctx, request, 'home_delivered', false),
});
