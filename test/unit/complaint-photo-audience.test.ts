import { describe, expect, it } from 'vitest';
import type { State, Step } from '../../src/domain/complaints/lifecycle.js';
import { photoAudience } from '../../src/domain/complaints/photo-audience.js';

const complaint = (state: State) => ({
  number: '2026-0001',
  state,
  handlerUserId: 'liuqiang',
  reporter: { userId: 'zhangdama' },
  subscribers: ['zhangdama', 'follower'],
});
const by = (step: Step, byUserId: string) => ({ step, byUserId });

describe('who is sent a photo attached to a complaint', () => {
  it('the reporter’s photos go to the handler while the complaint is open', () => {
    for (const state of ['pending', 'accepted', 'in_progress', 'referred'] as const) {
      expect(photoAudience(complaint(state), by('note', 'zhangdama'))).toEqual({
        to: ['liuqiang'],
        caption: '2026-0001 反映人补充的照片',
        who: '处理人',
      });
    }
  });

  it('so do those of someone who reported the same problem', () => {
    expect(photoAudience(complaint('accepted'), by('note', 'follower'))?.to).toEqual(['liuqiang']);
  });

  it('photos filed with the report go to the handler even when it was filed as 重复', () => {
    expect(photoAudience(complaint('duplicate'), by('report', 'zhangdama'))?.to).toEqual(['liuqiang']);
  });

  it('the reporter’s photos after it is finished go to nobody', () => {
    for (const state of ['resolved', 'closed', 'rejected'] as const) {
      expect(photoAudience(complaint(state), by('rate', 'zhangdama'))).toBeNull();
    }
  });

  it('a reopened complaint (不满意) is open again: its photos go to the handler', () => {
    expect(photoAudience(complaint('in_progress'), by('reopen', 'zhangdama'))?.who).toBe('处理人');
  });

  it('photos of the result (办结) go to the reporter and the followers, once each', () => {
    expect(photoAudience(complaint('resolved'), by('resolve', 'liuqiang'))).toEqual({
      to: ['zhangdama', 'follower'],
      caption: '2026-0001 办结照片',
      who: '反映人',
    });
  });

  it('the handler’s photos of other steps go to nobody', () => {
    expect(photoAudience(complaint('accepted'), by('accept', 'liuqiang'))).toBeNull();
    expect(photoAudience(complaint('in_progress'), by('progress', 'liuqiang'))).toBeNull();
  });
});
