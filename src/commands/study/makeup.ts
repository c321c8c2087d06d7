import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, defineCommand, ok } from '../../bot/command.js';
import { parseRecordForMember } from '../../domain/study/index.js';
import type { IsoDate } from '../../domain/text/index.js';
import { recordForMember } from './common.js';

/**
 * 补签 <姓名> <原因>: the secretary records that a member was there but could not sign in (no phone, the window
 * closed). The only way to sign in for someone else.
 */
export const studyMakeup = defineCommand<{ words: string; date: IsoDate | null }>({
  id: 'study.makeup',
  triggers: ['补签'],
  audience: OFFICERS,
  writes: true,
  summary: '为到场的党员补签',
  examples: ['补签 王桂兰 没带手机'],
  parse(rest, { now, timeZone }) {
    const parsed = parseRecordForMember(rest, now, timeZone);
    return parsed.ok
      ? ok(parsed.value)
      : ask('name', '请问为哪位党员补签？例如「王桂兰 没带手机」。', expects('name', '王桂兰 没带手机'));
  },
  handle: (ctx, request) => recordForMember(ctx, request, 'makeup', true),
});
