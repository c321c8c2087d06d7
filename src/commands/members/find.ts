import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, defineCommand, invalid, ok } from '../../bot/command.js';
import { officerScope } from '../../bot/scope.js';
import { UserError } from '../../bot/user-error.js';
import { personNameIn } from '../../domain/text/person-name.js';
import { cardNames, formatMemberCard, seesFullPhone } from './card.js';

const CHINESE_NAME = /^[\u4e00-\u9fa5·]{1,10}$/;
/** In a free sentence (「把王桂兰的资料调出来」), the words around the name that ask for the card. */
const ASKING_WORDS =
  /把|帮我|给我|麻烦|查一下|查查|查下|查|看一下|看看|看下|调出来|调一下|调出|找一下|找找|找|的|资料|信息|档案|成员|党员|情况|登记|一下|发我|发给我|我要|我想/g;
/**
 * What is asked about the person, glued after the name (「老周住哪个楼」, 「蔡秀兰是哪个党小组的」, 「丁保国家住几号楼」).
 * The roster is searched by the name's start, so cutting a little too much still finds the person.
 */
const AFTER_NAME = /(?:是|在|家|住|入党|现在|行动|今年|参加|流动|电话|手机|号码|多大|多少|哪|几|\d).*$/u;
const MAX_CARDS = 3;

export const findMember = defineCommand<{ name: string }>({
  id: 'member.find',
  triggers: ['查成员', '查党员'],
  audience: OFFICERS,
  summary: '查党员的登记信息（书记、委员）',
  examples: ['查成员 王桂兰'],
  parse(rest, { by }) {
    const name =
      personNameIn(rest) ??
      (by === 'keyword'
        ? (rest.replace(ASKING_WORDS, ' ').trim().split(/\s+/)[0] ?? '').replace(AFTER_NAME, '')
        : rest.replace(/[的之].*$/, '').trim());
    if (!name) return ask('name', '请问要查哪位党员？请发姓名，例如「王桂兰」。', expects('name', '王桂兰'));
    if (!CHINESE_NAME.test(name)) return invalid('请发党员的中文姓名，例如「查成员 王桂兰」。');
    return ok({ name });
  },
  async handle(ctx, { name }) {
    const scope = officerScope(ctx.sender);
    const { Member } = ctx.services.models;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const found = await Member.find({ ...scope.filter, name: { $regex: `^${escaped}` } })
      .sort({ name: 1 })
      .limit(MAX_CARDS + 1);
    if (found.length === 0) throw new UserError(`没有找到姓名以「${name}」开头的党员（${scope.label}）。`);
    if (found.length > MAX_CARDS) {
      throw new UserError(
        `以「${name}」开头的党员不止${MAX_CARDS}位：${found.map((m) => m.name).join('、')}……请发完整姓名。`,
      );
    }
    const reader = ctx.sender.kind === 'member' ? ctx.sender.member : null;
    const cards = await Promise.all(
      found.map(async (m) =>
        formatMemberCard(
          m,
          await cardNames(ctx.services.models, m),
          reader !== null && seesFullPhone(reader, m),
        ),
      ),
    );
    await ctx.reply(cards.join('\n\n'));
  },
});
