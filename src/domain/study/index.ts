/** Study days: the branch's rule, the holiday calendar, sign-in windows and attendance figures. No I/O. */

export * from './attendance.js';
export * from './days.js';
export * from './format.js';
export * from './holidays.js';
export * from './meeting-clock.js';
export * from './plan.js';
export * from './requests.js';
export * from './rule.js';
export * from './schedule-text.js';
export * from './session.js';
export * from './window.js';
