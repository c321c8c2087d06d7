import { expects } from '../../bot/answers.js';
import { OFFICERS } from '../../bot/audiences.js';
import { ask, defineCommand, invalid, ok } from '../../bot/command.js';
import { formatDay } from '../../domain/activity.js';
import { parseTopicRequest, type TopicRequest } from '../../domain/study/index.js';
import { branchNames, officerSessionsOn } from './common.js';

/** 学习主题 <日期> <主题> [链接]: what a session studies; reminders and 学习日 show it. */
export const studyTopic = defineCommand<TopicRequest>({
  id: 'study.topic',
  triggers: ['学习主题', '设置主题'],
  audience: OFFICERS,
  writes: true,
  summary: '设置学习主题、材料链接',
  examples: [
    '学习主题 12月10日 学习党章',
    '学习主题 12月10日 学习党的二十届四中全会精神 https://www.12371.cn/',
  ],
  parse(rest, { now, timeZone }) {
    const parsed = parseTopicRequest(rest, now, timeZone);
    if (parsed.ok) return ok(parsed.value);
    if ('error' in parsed) return invalid(parsed.error);
    return parsed.missing === 'date'
      ? ask('date', '请问是哪一天的学习？例如「12月10日」。', expects('date', '12月10日'))
      : ask('topic', '请问学习主题是什么？可以在后面附上学习材料的链接。', expects('text', '学习党章'));
  },
  async handle(ctx, { date, topic, link }) {
    const { sessions } = await officerSessionsOn(ctx, date);
    await ctx.services.models.StudySession.updateMany(
      { _id: { $in: sessions.map((s) => s._id) } },
      { $set: { topic, link } },
    );
    const names = await branchNames(
      ctx,
      sessions.map((s) => s.branchId),
    );
    const which = sessions.map((s) => names.get(String(s.branchId))).join('、');
    await ctx.reply(
      `已设置${formatDay(date)}（${which}）的学习主题：${topic}${link ? `\n学习材料：${link}` : ''}\n提醒消息里会带上。`,
    );
  },
});
