import { performance } from 'node:perf_hooks';

/**
 * The time a test bot lives in. It starts at a fixed instant and runs at real speed from there (elapsed time comes
 * from the monotonic performance.now, never from the calendar), so records written one after another keep their
 * order while the date is the same on every machine, every month.
 */
export interface TestClock {
  now(): Date;
  /** now() in Unix seconds, as WeCom's timestamps and CreateTime carry it. */
  seconds(): number;
  /** Jumps to an instant; the clock runs on from there. */
  set(iso: string): void;
  /** The instant the clock was last set to (what a test's dates are built from). */
  readonly start: Date;
}

/**
 * The default instant: an ordinary Wednesday morning in the middle of a month that ends no quarter, holds no holiday
 * and no study day. Suites where the calendar matters run at the instants below as well.
 */
export const ORDINARY_DAY = '2026-11-18T10:00:00+08:00';

/** The instants where calendar bugs hide: run every date-sensitive suite at each (describe.each). */
export const CALENDAR_INSTANTS = {
  'an ordinary day (2026-11-18)': ORDINARY_DAY,
  'a quarter end (2026-12-31)': '2026-12-31T09:30:00+08:00',
  'New Year (2027-01-01, just past midnight)': '2027-01-01T00:20:00+08:00',
  'a leap day (2028-02-29)': '2028-02-29T10:00:00+08:00',
  'the Spring Festival holiday (2027-02-08)': '2027-02-08T10:00:00+08:00',
  "a study day's evening (2026-11-20 18:45)": '2026-11-20T18:45:00+08:00',
} as const;

export function testClock(startIso: string = ORDINARY_DAY): TestClock {
  let start = instant(startIso);
  let setAt = performance.now();
  const now = () => new Date(start.getTime() + Math.floor(performance.now() - setAt));
  return {
    now,
    seconds: () => Math.floor(now().getTime() / 1000),
    set(iso) {
      start = instant(iso);
      setAt = performance.now();
    },
    get start() {
      return start;
    },
  };
}

function instant(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`not an instant: ${iso}`);
  return date;
}
