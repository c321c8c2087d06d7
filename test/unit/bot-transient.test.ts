import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { isTransient } from '../../src/bot/transient.js';
import { WecomApiError } from '../../src/wecom/api/errors.js';

describe('which failures the queue should retry', () => {
  it.each([
    ['a dropped MongoDB connection', new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed')],
    [
      'no MongoDB server to select',
      new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:27017', {
        type: 'Unknown',
        servers: new Map(),
        stale: false,
        compatible: true,
        heartbeatFrequencyMS: 10_000,
        localThresholdMS: 15,
        setName: null,
        maxElectionId: null,
        maxSetVersion: null,
        commonWireVersion: 0,
        logicalSessionTimeoutMinutes: null,
      } as never),
    ],
    [
      'mongoose waiting for a connection',
      new Error('Operation `activities.insertOne()` buffering timed out after 10000ms'),
    ],
    ['Redis gone (producer)', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['Redis closed', new Error('Connection is closed.')],
    [
      'a refused socket',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }),
    ],
    ['WeCom busy (-1)', new WecomApiError({ api: 'message/send', errcode: -1, errmsg: 'system busy' })],
    [
      'WeCom answering 502',
      new WecomApiError({
        api: 'media/get',
        errcode: -1,
        errmsg: 'HTTP 502',
        kind: 'retryable',
        transport: true,
      }),
    ],
    ['wrapped in a cause', new Error('storing evidence failed', { cause: new MongoNetworkError('reset') })],
  ])('retries %s', (_what, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'find')")],
    [
      'a duplicate key',
      Object.assign(new MongoServerError({ message: 'E11000 duplicate key error' }), { code: 11000 }),
    ],
    [
      'WeCom refusing the payload',
      new WecomApiError({ api: 'message/send', errcode: 40003, errmsg: 'invalid userid' }),
    ],
    ['WeCom configuration', new WecomApiError({ api: 'gettoken', errcode: 40001, errmsg: 'invalid secret' })],
  ])('does not retry %s', (_what, error) => {
    expect(isTransient(error)).toBe(false);
  });
});
