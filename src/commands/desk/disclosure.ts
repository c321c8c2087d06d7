import { OFFICERS } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { disclosureText } from '../../desk/report.js';
import { deskScopeOf } from '../../desk/scope.js';
import { lastClosedPeriod } from '../../domain/disclosure-period.js';
import { civilToday, isoDate } from '../../domain/text/calendar.js';
import { currentYearMonth, parsePeriod, type YearMonth } from '../../domain/text/index.js';

/**
 * 党务公开 on demand: the notice the scheduled job sends, for any period; by default the last one that has
 * ended (the cadence is DISCLOSURE_EVERY_MONTHS).
 */
export const deskDisclosure = defineCommand<{ months: YearMonth[] | null }>({
  id: 'desk.disclosure',
  triggers: ['党务公开', '公开稿'],
  audience: OFFICERS,
  summary: '党务公开稿，可直接张贴（书记、委员）',
  examples: ['党务公开', '党务公开 三季度', '党务公开 9-10月'],
  // The notice names its period, so text without one (「帮我出个党务公开稿」) gets the default period.
  parse: (rest, { now, timeZone }) => ok({ months: parsePeriod(rest, now, timeZone) ?? null }),
  async handle(ctx, { months }) {
    const { models, desk } = ctx.services;
    const scope = await deskScopeOf(models, ctx.sender);
    const period =
      months ?? lastClosedPeriod(currentYearMonth(ctx.now, ctx.timeZone), desk.disclosureEveryMonths);
    const query = { models, scope, now: ctx.now, timeZone: ctx.timeZone };
    await ctx.reply(await disclosureText(query, period, isoDate(civilToday(ctx.now, ctx.timeZone))));
  },
});
