import { describe, expect, it } from 'vitest';
import { expects, explainQuestion, judgeAnswer } from '../../src/bot/answers.js';

const now = new Date('2026-12-07T10:00:00+08:00');
const judge = (kind: Parameters<typeof expects>[0], text: string) =>
  judgeAnswer(expects(kind, ''), text, now, 'Asia/Shanghai');

describe('a reply fits the question only when it has the expected shape', () => {
  it('reads counter-questions as such, whatever was asked', () => {
    for (const text of ['啥意思', '什么', '?', '你说啥', '什么意思呀', '没听懂']) {
      expect(judge('place', text)).toBe('counter');
      expect(judge('yes-no', text)).toBe('counter');
    }
  });

  it('takes 是/不是 for a yes-or-no question, but not a sentence', () => {
    expect(judge('yes-no', '是的')).toBe('answer');
    expect(judge('yes-no', '不是')).toBe('answer');
    expect(judge('yes-no', '下礼拜学习我去不了 要去闺女家')).toBe('other');
  });

  it('takes a few words for a choice, but not a sentence with its own date or duration', () => {
    expect(judge('choice', '志愿服务')).toBe('answer');
    expect(judge('choice', '昨天在老年大学给大家讲书法课两个钟头')).toBe('other');
    expect(judge('choice', '两个钟头')).toBe('other');
  });

  it('reads names, dates, numbers and ratings', () => {
    expect(judge('name', '王桂兰 没带手机')).toBe('answer');
    expect(judge('name', 'abc')).toBe('other');
    expect(judge('date', '12月10日')).toBe('answer');
    expect(judge('date', '开会那天')).toBe('other');
    expect(judge('number', '2026-0153')).toBe('answer');
    expect(judge('rating', '挺满意的 谢谢你们')).toBe('answer');
    expect(judge('rating', '好几天了')).toBe('other');
  });

  it('explains the question again with an example', () => {
    expect(explainQuestion('请问是在哪里？', expects('place', '5号楼2单元'))).toBe(
      '我刚才问的是：请问是在哪里？\n就是问事情在什么地方，好转给负责那里的网格长。请回复地点，例如「5号楼2单元」，也可以发送位置。\n不想办了请回复「取消」。',
    );
  });
});
