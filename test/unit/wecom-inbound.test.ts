import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InboundFormatError, parseInbound, XmlError } from '../../src/wecom/inbound.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/wecom/decrypted/${name}.xml`, import.meta.url), 'utf8');

describe('parseInbound on captured-shape payloads', () => {
  it('keeps a MsgId above 2^53 exact and dedupes by it', () => {
    const m = parseInbound(fixture('text-log-activity'));
    expect(m).toMatchObject({
      kind: 'text',
      msgId: '7459035031717794886',
      dedupeKey: 'msg-7459035031717794886',
      fromUser: 'wangguilan',
      corpId: 'ww4d3c2b1a0f9e8d7c',
      createTime: 1795402800,
      agentId: '1000002',
      content: '昨天下午去3号楼王奶奶家走访了，她家水管漏了，已经跟物业说了',
    });
  });

  it.each([
    [
      'image',
      { kind: 'image', mediaId: expect.stringMatching(/^3Wd1/), picUrl: expect.stringContaining('qpic') },
    ],
    ['voice', { kind: 'voice', format: 'amr' }],
    ['video', { kind: 'video', thumbMediaId: expect.stringMatching(/^4Qr5/) }],
    [
      'location',
      {
        kind: 'location',
        latitude: 31.2304,
        longitude: 121.4737,
        scale: 15,
        label: '上海市黄浦区菜市场东门',
      },
    ],
    ['link', { kind: 'link', title: '学习贯彻党的二十届四中全会精神', url: 'https://www.12371.cn/' }],
    ['event-subscribe', { kind: 'event', event: 'subscribe', fromUser: 'chenshufen' }],
    ['event-enter-agent', { kind: 'event', event: 'enter_agent' }],
    ['event-click', { kind: 'event', event: 'click', eventKey: 'MENU_DUES' }],
    ['event-location', { kind: 'event', event: 'LOCATION', latitude: 31.230416, precision: 65 }],
    ['event-batch-job', { kind: 'event', event: 'batch_job_result', fromUser: 'sys' }],
    ['unknown-type', { kind: 'unknown', msgType: 'miniprogrampage', msgId: '7459035031717794999' }],
  ])('%s', (name, expected) => {
    expect(parseInbound(fixture(name))).toMatchObject(expected);
  });

  it('normalises the repeated tags of a card click into arrays', () => {
    expect(parseInbound(fixture('event-template-card'))).toMatchObject({
      event: 'template_card_event',
      eventKey: 'signin',
      taskId: 'study-20261125-b01-lijianguo',
      responseCode: 'RC7mXq2pL9vN4sT8yB3kW6jH1fD5gA0z',
      selectedItems: [{ questionKey: 'reason', optionIds: ['sick', 'away'] }],
    });
  });

  it('keeps a single OptionId as a one-element array', () => {
    const xml = fixture('event-template-card').replace('<OptionId><![CDATA[away]]></OptionId>', '');
    expect(parseInbound(xml)).toMatchObject({ selectedItems: [{ optionIds: ['sick'] }] });
  });
});

describe('event dedupe keys', () => {
  it('differ for two events from the same person in the same second', () => {
    const click = fixture('event-click');
    const other = click.replace('MENU_DUES', 'MENU_STUDY');
    const a = parseInbound(click);
    const b = parseInbound(other);
    expect(a.dedupeKey).toMatch(/^evt-[0-9a-f]{40}$/);
    expect(a.dedupeKey).not.toBe(b.dedupeKey);
  });

  it('are equal for a retried identical delivery', () => {
    expect(parseInbound(fixture('event-click')).dedupeKey).toBe(
      parseInbound(fixture('event-click')).dedupeKey,
    );
  });
});

describe('malformed payloads', () => {
  it.each([
    ['not XML', 'hello', XmlError],
    ['no xml root', '<root><a>1</a></root>', XmlError],
    [
      'a DTD (entity expansion)',
      '<!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><MsgType>text</MsgType></xml>',
      XmlError,
    ],
    ['no MsgType', '<xml><ToUserName>ww</ToUserName><CreateTime>1</CreateTime></xml>', InboundFormatError],
    [
      'a MsgId that is not a number',
      fixture('text-help').replace('7459035031717794887', '12ab'),
      InboundFormatError,
    ],
    [
      'a CreateTime that is not seconds',
      fixture('text-help').replace('1795402861', 'yesterday'),
      InboundFormatError,
    ],
    [
      'a location without coordinates',
      fixture('location').replace('<Location_X>31.2304</Location_X>', ''),
      InboundFormatError,
    ],
  ])('%s', (_name, xml, type) => {
    expect(() => parseInbound(xml)).toThrow(type);
  });
});
