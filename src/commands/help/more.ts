import { defineCommand, ok } from '../../bot/command.js';
import { MORE_WORD } from '../../domain/text/pages.js';

/** 更多: the next screen of the last reply that was too long for one (see splitPages). */
export const more = defineCommand({
  id: 'more',
  triggers: [MORE_WORD, '下一页', '还有呢', '接着看'],
  audience: 'anyone',
  summary: '回复太长时，看下一页',
  examples: [MORE_WORD, '下一页'],
  parse: () => ok({}),
  async handle(ctx) {
    const page = await ctx.services.pages.next(ctx.message.fromUser, ctx.message.dedupeKey);
    await ctx.reply(page ?? '没有更多了，上一条已经看完。想查什么可以再发一次，例如「我的活动」。');
  },
});
