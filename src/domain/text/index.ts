/** Pure parsers for what members type or dictate: numbers, money, durations, dates and months. */

export type { IsoDate, YearMonth } from './calendar.js';
export { type ClockMatch, formatClock, parseClockTime } from './clock.js';
export { type DateMatch, type DateOptions, parseDate } from './dates.js';
export { type DurationMatch, parseDurationMinutes } from './duration.js';
export { formatPeriod, hours, monthLabel, monthSpans, someNames, yearMonthLabel } from './labels.js';
export { type MoneyMatch, type MoneyOptions, parseMoneyFen } from './money.js';
export { currentYearMonth, type MonthsMatch, monthsOrCurrent, parseMonths } from './months.js';
export { foldWidth, normaliseText, ownWords, stripFillers } from './normalise.js';
export { findNumbers, type NumberMatch, parseChineseNumber } from './numerals.js';
export { findYear, parsePeriod, parseYear, quarterMonths, recentMonths, yearMonths } from './periods.js';
