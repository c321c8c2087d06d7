import { STREET_DESK } from '../../bot/audiences.js';
import { defineCommand, ok } from '../../bot/command.js';
import { disclosureText, headlines } from '../../desk/report.js';
import { type DeskScope, deskScopeOf } from '../../desk/scope.js';
import { communityAndPeriod, isStreetStaff, streetReply } from '../../desk/street.js';
import { lastClosedPeriod } from '../../domain/disclosure-period.js';
import { civilToday, isoDate } from '../../domain/text/calendar.js';
import { currentYearMonth, formatPeriod, parsePeriod, type YearMonth } from '../../domain/text/index.js';

/**
 * 党务公开 on demand: the notice the scheduled job sends, for any period; by default the last one that has
 * ended (the cadence is DISCLOSURE_EVERY_MONTHS).
 */
export const deskDisclosure = defineCommand<{ months: YearMonth[] | null; community: string | null }>({
  id: 'desk.disclosure',
  triggers: ['党务公开', '公开稿'],
  audience: STREET_DESK,
  summary: '党务公开稿，可直接张贴（书记、委员；街道：各社区一行）',
  examples: ['党务公开', '党务公开 三季度', '党务公开 9-10月'],
  // The notice names its period, so text without one (「帮我出个党务公开稿」) gets the default period.
  parse(rest, { now, timeZone }) {
    const { community, period } = communityAndPeriod(rest, (t) => parsePeriod(t, now, timeZone));
    return ok({ months: period ?? null, community });
  },
  async handle(ctx, { months, community }) {
    const { models, desk } = ctx.services;
    const period =
      months ?? lastClosedPeriod(currentYearMonth(ctx.now, ctx.timeZone), desk.disclosureEveryMonths);
    const query = (scope: DeskScope) => ({ models, scope, now: ctx.now, timeZone: ctx.timeZone });
    const today = isoDate(civilToday(ctx.now, ctx.timeZone));
    if (isStreetStaff(ctx.sender)) {
      return streetReply(
        ctx,
        community,
        `党务公开 · ${formatPeriod(period)}（全街道）`,
        (scope) => headlines(query(scope), period, 'disclose'),
        (scope) => disclosureText(query(scope), period, today),
      );
    }
    await ctx.reply(await disclosureText(query(await deskScopeOf(models, ctx.sender)), period, today));
  },
});
