import type { Router } from '@koa/router';
import type { Context } from 'koa';
import type { Deps } from '../deps.js';
import { kfWindow } from '../kf/window.js';
import type { RouteExtension } from '../runtime.js';
import { WecomCallbackClient } from '../standin/callback-client.js';
import { clickMenu, joinAsResident, menuItems, sendPhoto } from '../standin/member-actions.js';
import { WecomApiError } from '../wecom/api/errors.js';
import { assertDevtoolsAllowed, type DevtoolsOptions } from './dev-config.js';
import {
  badRequest,
  CardClickBody,
  JobRunBody,
  LocationBody,
  MediaId,
  MenuClickBody,
  PeopleQuery,
  PHOTO_BODY_LIMIT,
  PhotoBody,
  parseInput,
  ResidentBody,
  readJsonBody,
  SayBody,
  wallClockToDate,
} from './dev-input.js';
import { registerDevStatic } from './dev-static.js';
import { findPeople } from './people.js';

export interface DevRouteDeps {
  deps: Deps;
  devtools: DevtoolsOptions;
  /** The bot's own base URL: messages go through its real webhook. Known once the server listens. */
  selfUrl: () => string | null;
}

/** The simulator as the runtime's extra routes; refused under NODE_ENV=production. */
export function devRoutes(devtools: DevtoolsOptions): RouteExtension {
  return {
    check: assertDevtoolsAllowed,
    register: (router, { deps, selfUrl }) => registerDevRoutes(router, { deps, devtools, selfUrl }),
  };
}

/** Asks the stand-in for the response_code WeCom would put in this member's click on the card. */
async function issueResponseCode(standinUrl: string, userid: string, taskId: string): Promise<string> {
  const res = await fetch(`${standinUrl}/__standin/response-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userid, taskId }),
    signal: AbortSignal.timeout(5_000),
  });
  const answer = (await res.json()) as { errcode?: number; errmsg?: string; response_code?: string };
  if (!answer.response_code) throw new Error(`stand-in answered ${answer.errcode}: ${answer.errmsg}`);
  return answer.response_code;
}

/** Runs a stand-in action; what it refuses (an unknown menu key, a bad image) is a 400 the page shows. */
async function standin<T>(ctx: Context, action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    badRequest(ctx, (error as Error).message);
    return undefined;
  }
}

/** The local chat simulator: the page, and a JSON API that plays WeCom's side for any member. */
export function registerDevRoutes(router: Router, { deps, devtools, selfUrl }: DevRouteDeps): void {
  const { config, models, wecom } = deps;
  const jobs = devtools.jobs(deps);
  registerDevStatic(router, devtools.standinUrl);

  const callbackClient = () => {
    const base = selfUrl();
    if (!base) throw new Error('the bot is not listening yet');
    // Signed at the bot's own time, so a bot on a set clock (tests) accepts it.
    return new WecomCallbackClient({ ...config.wecom, botUrl: `${base}/wecom/callback`, now: deps.now });
  };

  router.get('/dev/api/config', (ctx) => {
    ctx.body = { standinUrl: devtools.standinUrl, timeZone: config.timeZone };
  });

  router.get('/dev/api/people', async (ctx) => {
    const query = parseInput(ctx, PeopleQuery, ctx.query);
    if (query) ctx.body = { people: await findPeople(models, query.q) };
  });

  // A resident on WeChat (微信客服): until when the bot may answer, how many of the 5 are used, what is held.
  router.get('/dev/api/kf/window', async (ctx) => {
    const ext = typeof ctx.query.external_userid === 'string' ? ctx.query.external_userid : '';
    if (!/^[\w-]{1,64}$/.test(ext)) {
      ctx.status = 400;
      ctx.body = { error: 'external_userid: letters, digits, _ and -' };
      return;
    }
    ctx.body = await kfWindow(models, ext);
  });

  router.post('/dev/api/say', async (ctx) => {
    const body = await readJsonBody(ctx, SayBody);
    if (!body) return;
    const res = await callbackClient().sendText(body.userId, body.text);
    ctx.body = { status: res.status, msgId: res.msgId };
  });

  // Someone in the corp but on no Party roster (a resident): the stand-in lets them write, as WeCom would.
  router.post('/dev/api/resident', async (ctx) => {
    const body = await readJsonBody(ctx, ResidentBody);
    if (!body) return;
    const known = await models.Member.exists({ wecomUserId: body.userId });
    if (known)
      return badRequest(ctx, `${body.userId} 在名册上，请在成员列表里选择 / on the roster: pick them`);
    ctx.body = await standin(ctx, () => joinAsResident(devtools.standinUrl, callbackClient(), body.userId));
  });

  router.post('/dev/api/photo', async (ctx) => {
    const body = await readJsonBody(ctx, PhotoBody, PHOTO_BODY_LIMIT);
    if (!body) return;
    const photo = { data: Buffer.from(body.data, 'base64'), filename: body.filename };
    const res = await standin(ctx, () =>
      sendPhoto(devtools.standinUrl, callbackClient(), body.userId, photo),
    );
    if (res) ctx.body = { status: res.status };
  });

  router.post('/dev/api/location', async (ctx) => {
    const body = await readJsonBody(ctx, LocationBody);
    if (!body) return;
    const res = await callbackClient().sendLocation(body.userId, body);
    ctx.body = { status: res.status };
  });

  router.get('/dev/api/menu', async (ctx) => {
    ctx.body = { items: (await standin(ctx, () => menuItems(devtools.standinUrl))) ?? [] };
  });

  router.post('/dev/api/menu-click', async (ctx) => {
    const body = await readJsonBody(ctx, MenuClickBody);
    if (!body) return;
    const res = await standin(ctx, () =>
      clickMenu(devtools.standinUrl, callbackClient(), body.userId, body.eventKey),
    );
    if (res) ctx.body = { status: res.status };
  });

  router.post('/dev/api/card-click', async (ctx) => {
    const body = await readJsonBody(ctx, CardClickBody);
    if (!body) return;
    let responseCode: string;
    try {
      responseCode = await issueResponseCode(devtools.standinUrl, body.userId, body.taskId);
    } catch (error) {
      ctx.status = 502;
      ctx.body = { error: `模拟企业微信没有给出响应码 / stand-in gave no response_code: ${String(error)}` };
      return;
    }
    const res = await callbackClient().sendTemplateCardEvent(body.userId, {
      eventKey: body.eventKey,
      taskId: body.taskId,
      responseCode,
    });
    ctx.body = { status: res.status };
  });

  // Images and files the bot sent, fetched the way the bot itself would (media/get with its token).
  router.get('/dev/api/media/:mediaId', async (ctx) => {
    const mediaId = parseInput(ctx, MediaId, ctx.params.mediaId);
    if (!mediaId) return;
    try {
      const media = await wecom.getMedia(mediaId);
      const name = encodeURIComponent(media.filename ?? mediaId);
      ctx.set('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${name}`);
      ctx.type = media.contentType;
      ctx.body = media.data;
    } catch (error) {
      if (!(error instanceof WecomApiError) || error.transport) throw error;
      ctx.status = 404;
      ctx.body = { error: `素材不存在或已过期 / media not found: ${error.errmsg}` };
    }
  });

  router.get('/dev/api/jobs', (ctx) => {
    ctx.body = { jobs: jobs.list() };
  });

  router.post('/dev/api/jobs/run', async (ctx) => {
    const body = await readJsonBody(ctx, JobRunBody);
    if (!body) return;
    const at = wallClockToDate(body.at, config.timeZone);
    if (!at) return badRequest(ctx, `没有这个时间 / ${body.at} does not exist in ${config.timeZone}`);
    if (!jobs.list().some((job) => job.name === body.name)) {
      ctx.status = 404;
      ctx.body = { error: `没有这个定时任务 / no scheduled job named ${body.name}` };
      return;
    }
    try {
      ctx.body = { at: at.toISOString(), report: await jobs.run(body.name, at) };
    } catch (error) {
      ctx.status = 500;
      ctx.body = { error: `任务运行失败 / job failed: ${(error as Error).message}` };
    }
  });
}
