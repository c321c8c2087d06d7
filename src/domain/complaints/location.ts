/**
 * Where a complaint is: a building (matched against the community's grid buildings), unit and room when
 * given, or a place in words (「小区东门」, 「菜市场门口」). People write one building many ways — 5号楼,
 * 5栋, 5幢, 五号楼, 5号2单元, 5-2-301 — and grids list them one way («5号楼», «东区3栋»): both sides are
 * reduced to the same key (area + number) and compared on that.
 */

import { foldWidth } from '../text/normalise.js';
import { parseChineseNumber } from '../text/numerals.js';

export interface BuildingMention {
  /** 「东区」, 「幸福苑」, or '' when only a number is given. */
  area: string;
  /** 「5」, 「12」, 「A」. */
  number: string;
  /** As written, without the room: 「五号楼2单元」. */
  text: string;
}

export interface LocationMention {
  building: BuildingMention | null;
  /** 「2单元」. */
  unit: string | null;
  /** 「402」. */
  room: string | null;
  /** A place in words when no building is named: 「小区东门」. */
  place: string | null;
  /** The sentence points at the reporter's own home (「我家」, 「楼上」) without naming it. */
  atHome: boolean;
}

const NUM = '[0-9零一二两三四五六七八九十百]+';
/** What may stand before a building number: 东区, B区, 5号院, 幸福苑. Anything longer is left to findBuilding. */
const AREA = `(?:[东西南北中][区院苑]|[A-Za-z]区|${NUM}号院|[\\u4e00-\\u9fa5]{2,3}(?:小区|花园|家园|苑))`;
/** 「5号楼」, 「东区3栋」, 「五号楼」, 「3幢」, 「A座」; 「5号」 only with a unit after it (else it is a date). */
const BUILDING = new RegExp(
  `(?<area>${AREA})?(?<num>${NUM}|[A-Za-z])\\s*(?:号楼|栋|幢|座|号(?=\\s*${NUM}\\s*(?:单元|门)))` +
    `(?:\\s*(?<unit>${NUM})\\s*(?:单元|门))?(?:\\s*(?<room>\\d{3,4})(?:室|号)?)?`,
  'u',
);
/** 「5-2-301」: building, unit, room. */
const DASHED = /(?<![\d-])(?<num>\d{1,3})-(?<unit>\d{1,2})-(?<room>\d{3,4})(?![\d-])/;
const UNIT_ONLY = new RegExp(`(?<unit>${NUM})\\s*单元`);
/** An explicit place, as the bot's own question invites: 「地点：小区东门」. */
const EXPLICIT = /(?:地点|位置|地址)\s*[:：]\s*(?<place>[^，。,.!！?？\s][^，。,.!！?？]*)/;
const PLACE = new RegExp(
  [
    '(?:小区)?[东西南北]门(?:口)?',
    '[\\u4e00-\\u9fa5]{1,4}(?:门口|路口)',
    '垃圾站',
    '垃圾房',
    '菜市场',
    '小广场',
    '广场(?!舞)',
    '地下车库',
    '车库',
    '停车场',
    '绿化带',
    '花坛',
    '健身区',
    '健身器材',
    '活动室',
    '[\\u4e00-\\u9fa5]{1,6}(?:路|街)(?=[上边旁口]|$|\\s)',
  ].join('|'),
);
/** 「在菜市场门口」 → 「菜市场门口」. */
const LEADING_PREPOSITION = /^(?:在|到|去|从|往)/;
const HOME = /我家|我们家|家里|屋里|楼上|楼下|我们楼|我们单元|我们这栋|对门|隔壁/;

function numberOf(text: string): string | null {
  if (/^[A-Za-z]$/.test(text)) return text.toUpperCase();
  const n = parseChineseNumber(text);
  return n === undefined || !Number.isInteger(n) || n <= 0 ? null : String(n);
}

const unitOf = (text: string | undefined): string | null => {
  const n = text ? numberOf(text) : null;
  return n ? `${n}单元` : null;
};

function buildingIn(
  text: string,
): { building: BuildingMention; unit: string | null; room: string | null } | null {
  const m = BUILDING.exec(text);
  const number = m?.groups ? numberOf(m.groups.num!) : null;
  if (m?.groups && number) {
    const written = m[0].replace(/\s*\d{3,4}(?:室|号)?$/, '').trim();
    return {
      building: { area: m.groups.area ?? '', number, text: written },
      unit: unitOf(m.groups.unit),
      room: m.groups.room ?? null,
    };
  }
  const d = DASHED.exec(text)?.groups;
  if (!d) return null;
  const n = String(Number(d.num));
  return { building: { area: '', number: n, text: `${n}号楼` }, unit: unitOf(d.unit), room: d.room ?? null };
}

/** A grid's building name («5号楼», «东区3栋») as a mention, or null for a named one («综合楼»). */
export const parseBuildingName = (name: string): BuildingMention | null =>
  buildingIn(foldWidth(name).replace(/\s+/g, ''))?.building ?? null;

/** Reads where a complaint is from its text. Pure: matching against the grids is findBuilding's job. */
export function extractLocation(input: string): LocationMention {
  const text = foldWidth(input);
  const explicit = EXPLICIT.exec(text)?.groups?.place?.trim() ?? null;
  const found = buildingIn(explicit ?? text);
  return {
    building: found?.building ?? null,
    unit: found?.unit ?? unitOf(UNIT_ONLY.exec(explicit ?? text)?.groups?.unit),
    room: found?.room ?? null,
    place: found ? null : (explicit ?? PLACE.exec(text)?.[0]?.replace(LEADING_PREPOSITION, '') ?? null),
    atHome: HOME.test(text),
  };
}

/**
 * The grid building a mention names. Same number and area first (五号楼 = 5栋 = «5号楼»); then a grid area
 * the sentence's area contains; then, when words before the number are not a grid area («我们小区5号楼»),
 * the building with that number and no area; and a bare number (3栋) matches an area building (东区3栋) only
 * when no other area has a 3栋. Named buildings («综合楼») match when the text contains their name.
 */
export function findBuilding(
  building: BuildingMention | null,
  text: string,
  buildings: readonly string[],
): string | null {
  if (!building) {
    const folded = foldWidth(text);
    return [...buildings].sort((a, b) => b.length - a.length).find((b) => folded.includes(b)) ?? null;
  }
  const sameNumber = buildings.flatMap((name) => {
    const parsed = parseBuildingName(name);
    return parsed?.number === building.number ? [{ name, area: parsed.area }] : [];
  });
  const tiers = [
    sameNumber.filter((b) => b.area === building.area),
    sameNumber.filter((b) => b.area !== '' && building.area.includes(b.area)),
    building.area ? sameNumber.filter((b) => b.area === '') : sameNumber,
  ];
  for (const tier of tiers) {
    if (tier.length === 1) return tier[0]!.name;
    if (tier.length > 1) return null;
  }
  return null;
}

/**
 * The grid building a location message's label names — WeCom sends the place's address, 「北京市朝阳区幸福里社区
 * 5号楼」 — with the unit and room when it goes that far. Null when it names none of them (「幸福里菜市场北口」).
 */
export function buildingInLabel(
  label: string,
  buildings: readonly string[],
): { building: string; unit: string | null; room: string | null } | null {
  const mention = extractLocation(label);
  const building = findBuilding(mention.building, label, buildings);
  return building ? { building, unit: mention.unit, room: mention.room } : null;
}
