import { describe, expect, it } from 'vitest';
import { kfDedupeKey, kfInbound } from '../../src/kf/inbound.js';
import { complaintIdInJobId, kfMsgid } from '../../src/kf/outbox.js';
import { kfParts } from '../../src/kf/send.js';

/** How 微信客服 messages become the bot's, and the bot's become kf/send_msg calls (pure parts). */

const CORP = 'ww4d3c2b1a0f9e8d7c';
const base = {
  msgid: 'from_msgid_4622416642169452483',
  open_kfid: 'wkXfl7GCAAAx0Yq9Jm3nQfbS8Zr2uLdT',
  external_userid: 'wmXfl7GCAAAkq3Zc1Dw9yPpZhangDama01',
  send_time: 1796520000,
  origin: 3,
};

describe('a pulled kf message as the bot’s inbound message', () => {
  it('a text: from the resident’s kf address, keyed by its msgid, with the account it came to', () => {
    expect(kfInbound({ ...base, msgtype: 'text', text: { content: '5号楼下水道堵了' } }, CORP)).toEqual({
      dedupeKey: 'kf-from_msgid_4622416642169452483',
      corpId: CORP,
      fromUser: 'kf:wmXfl7GCAAAkq3Zc1Dw9yPpZhangDama01',
      createTime: 1796520000,
      agentId: null,
      kf: { openKfId: base.open_kfid },
      msgId: base.msgid,
      kind: 'text',
      content: '5号楼下水道堵了',
    });
  });

  it('a location: its address and name are the label the building is read from', () => {
    const location = {
      latitude: 39.92,
      longitude: 116.44,
      name: '幸福里社区5号楼',
      address: '北京市朝阳区幸福里',
    };
    expect(kfInbound({ ...base, msgtype: 'location', location }, CORP)).toMatchObject({
      kind: 'location',
      latitude: 39.92,
      longitude: 116.44,
      label: '北京市朝阳区幸福里 幸福里社区5号楼',
    });
  });

  it('an event: named kf_<event_type>, its fields as text', () => {
    const event = {
      event_type: 'msg_send_fail',
      external_userid: base.external_userid,
      fail_msgid: 'abc',
      fail_type: 10,
    };
    expect(kfInbound({ ...base, origin: 4, msgtype: 'event', event }, CORP)).toMatchObject({
      kind: 'event',
      event: 'kf_msg_send_fail',
      fields: { fail_msgid: 'abc', fail_type: '10' },
    });
  });

  it('a receptionist’s own message is not the bot’s to answer', () => {
    expect(kfInbound({ ...base, origin: 5, msgtype: 'text', text: { content: '您好' } }, CORP)).toBeNull();
  });

  it('a file is kept as a message type the bot does not handle', () => {
    expect(kfInbound({ ...base, msgtype: 'file' }, CORP)).toMatchObject({ kind: 'unknown', msgType: 'file' });
  });

  it('a msgid with characters a job id cannot hold is hashed', () => {
    expect(kfDedupeKey('a:b/c')).toMatch(/^kf-[0-9a-f]{40}$/);
  });
});

describe('what goes out through kf/send_msg', () => {
  it('msgid: 32 bytes of [0-9a-zA-Z_-], the same for the same job part', () => {
    const id = kfMsgid('reply-kf-from_msgid_4622416642169452483-0-kf-wmXfl7GCAAAkq3Zc1Dw9yPpZhangDama01-0');
    expect(id).toMatch(/^[0-9a-zA-Z_-]{32}$/);
    expect(kfMsgid('reply-kf-from_msgid_4622416642169452483-0-kf-wmXfl7GCAAAkq3Zc1Dw9yPpZhangDama01-0')).toBe(
      id,
    );
    expect(
      kfMsgid('reply-kf-from_msgid_4622416642169452483-1-kf-wmXfl7GCAAAkq3Zc1Dw9yPpZhangDama01-0'),
    ).not.toBe(id);
  });

  it('a card becomes its text; a photo follows its caption; a file only its caption', () => {
    const card = { card_type: 'button_interaction' } as never;
    expect(kfParts({ type: 'template_card', card, fallbackText: '新诉求 2026-0153' })).toEqual([
      { text: '新诉求 2026-0153' },
    ]);
    expect(kfParts({ type: 'image', attachmentId: 'a1', caption: '2026-0153 办结照片' })).toEqual([
      { text: '2026-0153 办结照片' },
      { attachmentId: 'a1' },
    ]);
    expect(kfParts({ type: 'file', attachmentId: 'f1' })).toEqual([]);
  });

  it('a text over 2048 bytes is cut on UTF-8 boundaries', () => {
    const parts = kfParts({ type: 'text', content: '进'.repeat(1000) });
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => ('text' in p ? Buffer.byteLength(p.text) : 0)).every((n) => n <= 2048)).toBe(
      true,
    );
  });

  it('complaint messages name their complaint in the job id', () => {
    expect(complaintIdInJobId('cpl-65f0c0ffee0000000000abcd-v3-r-kf-wmX')).toBe('65f0c0ffee0000000000abcd');
    expect(complaintIdInJobId('reply-kf-from_msgid_1-0')).toBeNull();
  });
});
