import { replyWithAttachment } from '../../bot/attachment-reply.js';
import { defineCommand, ok } from '../../bot/command.js';
import { UserError } from '../../bot/user-error.js';
import { MANAGERS } from '../../complaints/access.js';
import { communityOf } from '../../complaints/reporter.js';
import { residentLink } from '../../kf/contact-way.js';
import { qrPng } from '../../kf/qr.js';

/** 居民二维码: the code residents scan in WeChat to report problems (微信客服), as an image for notices. */
export const residentQr = defineCommand<Record<string, never>>({
  id: 'complaint.resident-qr',
  triggers: ['居民二维码', '反映二维码'],
  audience: MANAGERS,
  summary: '居民用微信扫码反映问题的二维码（可打印张贴）',
  examples: ['居民二维码'],
  parse: () => ok({}),
  async handle(ctx) {
    const community = communityOf(ctx);
    const link = await residentLink(ctx.services.models, ctx.services.wecom.kf, community);
    if (!link) throw new UserError('本社区还没有开通微信客服，请管理员按部署说明开通并配置后再试。');
    await replyWithAttachment(
      ctx,
      {
        kind: 'image',
        filename: `${community.name}居民二维码.png`,
        contentType: 'image/png',
        data: qrPng(link.url),
      },
      `${community.name}居民反映问题二维码（${link.accountName}）：居民用微信扫一扫，就能直接发文字、照片和位置反映问题，进度也会在微信里告诉他。可打印张贴在楼道和公告栏。链接：${link.url}`,
    );
  },
});
