import { describe, expect, it } from 'vitest';
import { fanoutDelayMs } from '../../src/queues/send-timing.js';

const at = (hhmm: string) => new Date(`2026-11-15T${hhmm}:00+08:00`);
const sendMinute = (scheduled: Date, random: number) =>
  new Date(scheduled.getTime() + fanoutDelayMs(scheduled, () => random)).getUTCMinutes();

describe('fanoutDelayMs', () => {
  it.each(['10:00', '10:01', '10:28', '10:29', '10:30', '18:00'])(
    'moves a %s send clear of :00/:30',
    (time) => {
      for (const r of [0, 0.5, 0.999]) {
        const minute = sendMinute(at(time), r) % 30;
        expect(minute).toBeGreaterThanOrEqual(2);
        expect(minute).toBeLessThan(28);
      }
    },
  );

  it('only spreads other times over a minute', () => {
    expect(fanoutDelayMs(at('10:15'), () => 0)).toBe(0);
    expect(fanoutDelayMs(at('10:15'), () => 0.999)).toBeLessThan(60_000);
  });

  it('is never negative and never more than eight minutes', () => {
    for (let m = 0; m < 60; m++) {
      for (const r of [0, 0.999]) {
        const d = fanoutDelayMs(at(`09:${String(m).padStart(2, '0')}`), () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(8 * 60_000);
      }
    }
  });
});
