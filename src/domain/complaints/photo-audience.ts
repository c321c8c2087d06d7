import { isOpen, type State, type Step } from './lifecycle.js';

export interface PhotoAudience {
  /** WeCom userids to send the photo to. */
  to: string[];
  /** The line sent before it: 「2026-0153 反映人补充的照片」. */
  caption: string;
  /** Whom the sender is told it went to. */
  who: '处理人' | '反映人';
}

interface Photographed {
  number: string;
  state: State;
  handlerUserId: string;
  reporter: { userId: string };
  /** The reporter and those who reported the same problem. */
  subscribers: readonly string[];
}

/**
 * Who must see a photo attached to a complaint's step, so it does not only sit in the record: what the
 * reporters send goes to whoever handles it now, while it is open (or as it is filed); the result's photos
 * (办结) go to those who reported it. Null when nobody needs it (a photo of 受理, one after 评价 满意).
 */
export function photoAudience(
  c: Photographed,
  entry: { step: Step; byUserId: string },
): PhotoAudience | null {
  if (entry.step === 'resolve') {
    return {
      to: [...new Set([c.reporter.userId, ...c.subscribers])],
      caption: `${c.number} 办结照片`,
      who: '反映人',
    };
  }
  const fromReporters = entry.byUserId === c.reporter.userId || c.subscribers.includes(entry.byUserId);
  if (fromReporters && (entry.step === 'report' || isOpen(c.state))) {
    return { to: [c.handlerUserId], caption: `${c.number} 反映人补充的照片`, who: '处理人' };
  }
  return null;
}
