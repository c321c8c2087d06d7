import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY } from '../../src/bot/replies.js';
import {
  cardsTo,
  cardTo,
  imagesTo,
  JPEG,
  numberIn,
  press,
  sendPhoto,
  textsAfter,
} from '../support/complaints.js';
import { seedCommunity } from '../support/seed.js';
import { startTestBot, type TestBot, textOf, waitFor } from '../support/test-bot.js';

/**
 * The handler's side: 受理, 转派 (typed and by button), 转办, 不予受理, 补充, 办结 with photos, and refusals with reasons. The
 * describes use different grid leaders and residents: WeCom takes at most 30 messages a minute per person.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({
    users: [
      'resident',
      'res2',
      'res3',
      'res4',
      'wanghai',
      'liuqiang',
      'sunli',
      'lijianguo',
      'zhouming',
      'gridA',
      'gridB',
    ],
  });
  const { models } = bot.runtime.deps;
  const { community, branches } = await seedCommunity(models);
  const communityId = community._id;
  await models.Grid.create([
    { communityId, code: 'G05', name: '幸福五网格', leaderUserId: 'sunli', buildings: ['7号楼'] },
    { communityId, code: 'G06', name: '幸福六网格', leaderUserId: 'gridA', buildings: ['8号楼'] },
    { communityId, code: 'G07', name: '幸福七网格', leaderUserId: 'gridB', buildings: ['9号楼'] },
    { communityId, code: 'G08', name: '幸福八网格', buildings: ['10号楼'] },
  ]);
  const leader = (wecomUserId: string, name: string) => ({
    communityId,
    wecomUserId,
    name,
    roles: ['member' as const, 'grid_leader' as const],
    branchId: branches.first._id,
  });
  await models.Member.create([leader('gridA', '郑丽娜'), leader('gridB', '高志刚')]);
});
afterAll(async () => {
  await bot?.close();
});

const sent = (userId: string) => bot.standin.messages({ touser: userId }).length;
const stateOf = async (number: string) =>
  (await bot.runtime.deps.models.Complaint.findOne({ number }))?.state;

describe('受理', () => {
  it('alone takes the one complaint waiting, or lists them', async () => {
    const a = numberIn(await bot.say('resident', '5号楼电梯坏了'));
    expect(await bot.say('liuqiang', '受理')).toMatch(new RegExp(`^已受理 ${a}`));
    const b = numberIn(await bot.say('resident', '6号楼单元门坏了 关不上'));
    const c = numberIn(await bot.say('resident', '6号楼楼道堆了好多杂物 有隐患'));
    const list = await bot.say('liuqiang', '受理');
    expect(list).toContain('您有2件待受理');
    expect(list).toContain(`${b} 物业管理 · 6号楼 · 待受理`);
    expect(list).toContain(`受理 ${b}`);
    expect(await bot.say('liuqiang', `受理 ${b}`)).toMatch(/^已受理/);
    expect(await bot.say('lijianguo', `受理 ${c}`)).toMatch(/^已受理/); // a secretary may, for the handler
    expect(await bot.say('liuqiang', '受理')).toBe('您现在没有待受理的诉求。');
  });

  it('refuses what the lifecycle does not allow, saying why', async () => {
    const n = numberIn(await bot.say('resident', '5号楼下水井冒水'));
    expect(await bot.say('resident', `评价 ${n} 满意`)).toBe(
      `诉求 ${n} 现在是「待受理」，不能评价。办结后会请您评价；有新情况可发「补充 ${n} 内容」。`,
    );
    await bot.say('liuqiang', `受理 ${n}`);
    expect(await bot.say('liuqiang', `受理 ${n}`)).toBe(`诉求 ${n} 现在是「已受理」，不能受理。`);
    expect(await bot.say('sunli', `办结 ${n} 好了`)).toBe(`只有承办人或书记可以办结诉求 ${n}。`);
    expect(await bot.say('liuqiang', `评价 ${n} 满意`)).toBe(`只有反映人可以评价诉求 ${n}。`);
    expect(await bot.say('resident', `办结 ${n} 好了`)).toContain('还没有您的登记信息');
    expect(await bot.say('wanghai', `办结 ${n} 好了`)).toBe(REPLY.notAllowed);
    expect(await bot.say('liuqiang', '办结 2099-0001 好了')).toBe('没有找到诉求 2099-0001，请核对编号。');
  });
});

describe('补充', () => {
  it('from the reporter goes to the handler; from the handler it is progress the reporter hears', async () => {
    const n = numberIn(await bot.say('res2', '8号楼暖气不热'));
    await bot.say('gridA', `受理 ${n}`);
    const toHandler = sent('gridA');
    expect(await bot.say('res2', `补充 ${n} 屋里只有十四度`)).toBe(`已补充到 ${n}，已转告承办人郑丽娜。`);
    expect((await textsAfter(bot, 'gridA', toHandler))[0]).toMatch(
      new RegExp(`^诉求 ${n}（8号楼）反映人补充：屋里只有十四度（\\d+月\\d+日 \\d\\d:\\d\\d）$`),
    );
    const toReporter = sent('res2');
    expect(await bot.say('gridA', `补充 ${n} 已联系热力公司 明天上门`)).toBe(`已把进展告诉反映人（${n}）。`);
    expect((await textsAfter(bot, 'res2', toReporter))[0]).toContain('有新进展：已联系热力公司 明天上门');
    expect(await stateOf(n)).toBe('in_progress');
  });
});

describe('转派', () => {
  it('typed: the new handler gets the card, the reporter hears who; the old card answers 已转派', async () => {
    const n = numberIn(await bot.say('resident', '5号楼门口路灯不亮'));
    const oldCard = await cardTo(bot, 'liuqiang', cardsTo(bot, 'liuqiang').length);
    expect(oldCard.main_title?.title).toContain(n);
    const toReporter = sent('resident');
    expect(await bot.say('liuqiang', `转派 ${n} G05`)).toBe(`已将 ${n} 转派给孙丽，已通知对方和反映人。`);
    const card = await cardTo(bot, 'sunli', cardsTo(bot, 'sunli').length || 1);
    expect(card.main_title?.title).toContain(n);
    expect(card.task_id).not.toBe(oldCard.task_id);
    expect((await textsAfter(bot, 'resident', toReporter))[0]).toContain('已转由孙丽负责办理');

    const updates = bot.standin.cardUpdates().length;
    expect(await press(bot, 'liuqiang', oldCard, '受理')).toBe(`诉求 ${n} 已转由孙丽承办，您不用再办理了。`);
    const update = await waitFor(
      () => bot.standin.cardUpdates(),
      (u) => u.length > updates,
      10_000,
      'the old card update',
    );
    expect(update.at(-1)?.body).toMatchObject({ button: { replace_name: '已转派' } });
    expect(await press(bot, 'sunli', card, '受理')).toMatch(/^已受理/);
  });

  it('by button: asks to whom, and the answer completes it', async () => {
    const n = numberIn(await bot.say('res2', '8号楼有人遛狗不拴绳'));
    const card = await cardTo(bot, 'gridA', cardsTo(bot, 'gridA').length);
    expect(card.main_title?.title).toContain(n);
    expect(await press(bot, 'gridA', card, '转派')).toMatch(new RegExp(`^诉求 ${n}：请问转派给谁？`));
    expect(await bot.say('gridA', '孙丽')).toBe(`已将 ${n} 转派给孙丽，已通知对方和反映人。`);
  });

  it('to a person keeps the building’s grid; to a grid moves it there', async () => {
    const gridOf = async (code: string) => (await bot.runtime.deps.models.Grid.findOne({ code }))?._id;
    const n = numberIn(await bot.say('res2', '8号楼楼道灯坏了'));
    await bot.say('gridA', `转派 ${n} 孙丽`);
    const saved = await bot.runtime.deps.models.Complaint.findOne({ number: n });
    expect(saved).toMatchObject({ handlerUserId: 'sunli', gridId: await gridOf('G06') });
    await bot.say('sunli', `转派 ${n} G07`);
    expect(await bot.runtime.deps.models.Complaint.findOne({ number: n })).toMatchObject({
      handlerUserId: 'gridB',
      gridId: await gridOf('G07'),
    });
  });

  it('a grid without a leader keeps its complaints; the community’s staff handle them', async () => {
    const n = numberIn(await bot.say('res3', '10号楼下水道堵了'));
    const grid = await bot.runtime.deps.models.Grid.findOne({ code: 'G08' });
    expect(await bot.runtime.deps.models.Complaint.findOne({ number: n })).toMatchObject({
      handlerUserId: 'sunli',
      gridId: grid?._id,
    });
  });

  it('an old card acts for nobody once reassigned, a manager included; the handler hears what a manager did', async () => {
    const n = numberIn(await bot.say('res4', '6号楼2单元楼顶漏水'));
    await bot.say('liuqiang', `转派 ${n} 李建国`);
    const card = await cardTo(bot, 'lijianguo', cardsTo(bot, 'lijianguo').length || 1);
    expect(card.main_title?.title).toContain(n);
    await bot.say('lijianguo', `转派 ${n} 孙丽`);
    expect(await press(bot, 'lijianguo', card, '受理')).toBe(`诉求 ${n} 已转由孙丽承办，您不用再办理了。`);
    expect(await stateOf(n)).toBe('pending');
    const before = sent('sunli');
    expect(await bot.say('lijianguo', `受理 ${n}`)).toMatch(/^已受理/);
    expect((await textsAfter(bot, 'sunli', before))[0]).toMatch(
      new RegExp(`^诉求 ${n}（6号楼2单元）已由李建国受理`),
    );
  });

  it('refuses people who do not handle complaints, and handing it to the same person', async () => {
    const n = numberIn(await bot.say('res3', '9号楼楼顶漏雨'));
    expect(await bot.say('gridB', `转派 ${n} 王海`)).toBe('王海不是网格长或社区工作人员，不能承办诉求。');
    expect(await bot.say('gridB', `转派 ${n} G09`)).toMatch(/没有找到网格或人员「G09」/);
    expect(await bot.say('gridB', `转派 ${n} 高志刚`)).toBe(`诉求 ${n} 本来就由高志刚承办。`);
  });
});

describe('转办 and 不予受理', () => {
  it('转办 names the department, the reporter hears it, and it can be resolved later', async () => {
    const n = numberIn(await bot.say('res3', '9号楼有人私搭乱建 盖了个棚子'));
    const toReporter = sent('res3');
    expect(await bot.say('gridB', `转办 ${n} 区城管执法队`)).toMatch(/已将 .* 转交区城管执法队/);
    expect((await textsAfter(bot, 'res3', toReporter))[0]).toContain('已转交区城管执法队办理');
    expect(await stateOf(n)).toBe('referred');
    expect(await bot.say('gridB', `办结 ${n} 城管已拆除`)).toMatch(/^已办结/);
  });

  it('不予受理 asks for the reason when it is missing, and tells the reporter', async () => {
    const n = numberIn(await bot.say('res3', '9号楼邻居家装修 吵'));
    expect(await bot.say('gridB', `不予受理 ${n}`)).toMatch(/^不予受理需要写明原因，请写原因。/);
    const toReporter = sent('res3');
    expect(await bot.say('gridB', '装修在允许时段内')).toBe(`${n} 已不予受理，原因已告诉反映人。`);
    expect((await textsAfter(bot, 'res3', toReporter))[0]).toContain('不予受理，原因：装修在允许时段内');
    expect(await stateOf(n)).toBe('rejected');
  });
});

describe('办结', () => {
  it('photos sent just before it go with it to the reporter as images', async () => {
    const n = numberIn(await bot.say('res4', '7号楼楼道灯不亮'));
    expect(await sendPhoto(bot, 'zhouming', 'lamp.jpg')).toBe(REPLY.imageHeld);
    expect(await bot.say('zhouming', `办结 ${n} 已换了新灯`)).toContain('已附上1张照片');
    expect(await imagesTo(bot, 'res4')).toEqual([JPEG]);
    expect(bot.standin.messages({ touser: 'res4' }).map(textOf)).toContain(`${n} 办结照片`);
  });
});

describe('待办', () => {
  it('a grid leader sees what is assigned to them; a secretary their branch’s grids', async () => {
    const mine = await bot.say('gridA', '待办');
    expect(mine).toMatch(/^待办诉求（交给我的）共1件，其中待受理0件：/);
    expect(mine).toContain('承办人郑丽娜');
    expect(mine).not.toContain('承办人刘强');
    const secretary = await bot.say('lijianguo', '待办');
    expect(secretary).toMatch(/^待办诉求（本支部）/);
  });
});
