import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, type Command, defineCommand, ok } from '../../bot/command.js';
import { parseRecordForMember } from '../../domain/study/index.js';
import type { IsoDate } from '../../domain/text/index.js';
import { recordForMember } from './common.js';

type Words = Pick<Command, 'id' | 'triggers' | 'summary' | 'examples'>;

/**
 * An officer records a member's attendance for them: 「<命令> <姓名> [日期] [原因]」, the latest session
 * of the member's branch (or the one on that date). `question` is asked when no name is given.
 */
export function recordForMemberCommand(
  words: Words,
  record: { kind: 'makeup' | 'home_delivered'; reasonNeeded: boolean; question: string; example: string },
): Command<{ words: string; date: IsoDate | null }> {
  return defineCommand({
    ...words,
    audience: OFFICERS,
    writes: true,
    parse(rest, { now, timeZone }) {
      const parsed = parseRecordForMember(rest, now, timeZone);
      return parsed.ok ? ok(parsed.value) : ask('name', record.question, expects('name', record.example));
    },
    handle: (ctx, request) => recordForMember(ctx, request, record.kind, record.reasonNeeded),
  });
}
