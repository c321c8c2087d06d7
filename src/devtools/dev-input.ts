import { TZDate } from '@date-fns/tz';
import type { Context } from 'koa';
import { z } from 'zod';
import { BodyTooLargeError, readRawBody } from '../server/raw-body.js';

/** Request shapes of the /dev API. Messages are bilingual: the page shows them as they are. */

const BODY_LIMIT = 16 * 1024;
/** A phone photo, base64 (a third larger): about 1.5 MB. */
const PHOTO_LIMIT = 2 * 1024 * 1024;

const UserId = z
  .string({ error: '缺少成员账号 / userId is required' })
  .regex(/^[A-Za-z0-9_.@-]{1,64}$/, '成员账号格式不对 / userId must be 1–64 letters, digits or _.@-');

export const PeopleQuery = z.object({
  q: z.string().trim().max(40, '搜索词太长 / q must be at most 40 characters').default(''),
});

export const SayBody = z.object({
  userId: UserId,
  text: z
    .string({ error: '缺少消息内容 / text is required' })
    .trim()
    .min(1, '消息不能为空 / text must not be empty')
    .max(2048, '消息太长 / text must be at most 2048 characters'),
});

export const ResidentBody = z.object({ userId: UserId });

/** A photo from the page: base64 of a JPEG or PNG (WeCom's image rule, checked by the stand-in). */
export const PhotoBody = z.object({
  userId: UserId,
  filename: z.string().min(1).max(100).default('photo.jpg'),
  data: z.string({ error: '缺少图片 / data (base64) is required' }).min(8).max(PHOTO_LIMIT),
});

export const LocationBody = z.object({
  userId: UserId,
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  label: z.string().max(200).default(''),
});

export const MenuClickBody = z.object({
  userId: UserId,
  eventKey: z.string().min(1, '缺少菜单项 / eventKey is required').max(128),
});

export const CardClickBody = z.object({
  userId: UserId,
  // WeCom's task_id alphabet (platform doc §5.3).
  taskId: z.string().regex(/^[0-9A-Za-z_\-@]{1,128}$/, '卡片任务号不对 / taskId must match WeCom task_id'),
  eventKey: z.string().min(1, '缺少按钮 / eventKey is required').max(1024, 'eventKey too long'),
});

export const JobRunBody = z.object({
  name: z.string().min(1, '请选择任务 / name is required').max(100),
  /** Wall-clock time in the community's zone: 2026-12-06 06:20 as the page shows it (or with a T). */
  at: z
    .string()
    .trim()
    .regex(
      /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/,
      '时间格式应为 2026-12-06 06:20 / at must be YYYY-MM-DD HH:mm',
    ),
});

export const MediaId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, '素材编号不对 / invalid media id');

export const PHOTO_BODY_LIMIT = PHOTO_LIMIT + 1024;

/** A 400 the page can show: what was wrong, in Chinese and English. */
export function badRequest(ctx: Context, error: string): void {
  ctx.status = 400;
  ctx.body = { error };
}

function describe(error: z.ZodError): string {
  const details = error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return `请求内容有误 / invalid request — ${details.join('; ')}`;
}

/** Validates `input`, answering 400 and returning undefined when it does not fit. */
export function parseInput<T>(ctx: Context, schema: z.ZodType<T>, input: unknown): T | undefined {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  badRequest(ctx, describe(result.error));
  return undefined;
}

/** Reads and validates a JSON body; answers 400 (or 413) itself and returns undefined on failure. */
export async function readJsonBody<T>(
  ctx: Context,
  schema: z.ZodType<T>,
  limit = BODY_LIMIT,
): Promise<T | undefined> {
  let raw: string;
  try {
    raw = await readRawBody(ctx.req, limit);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    ctx.status = 413;
    ctx.body = { error: `请求太大 / body over ${limit} bytes` };
    return undefined;
  }
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    badRequest(ctx, '请求不是有效的 JSON / body is not valid JSON');
    return undefined;
  }
  return parseInput(ctx, schema, input);
}

/** `YYYY-MM-DD HH:mm` (or with a T) read in `timeZone`; undefined for a date that does not exist (2026-02-30). */
export function wallClockToDate(wallClock: string, timeZone: string): Date | undefined {
  const [y, mo, d, h, mi] = wallClock.split(/[-T: ]/).map(Number) as [number, number, number, number, number];
  const date = new TZDate(y, mo - 1, d, h, mi, timeZone);
  const roundTrip = [
    date.getFullYear(),
    date.getMonth() + 1,
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
  ];
  return roundTrip.join() === [y, mo, d, h, mi].join() ? new Date(date.getTime()) : undefined;
}
