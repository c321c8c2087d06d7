import { attendanceChart } from './attendance.js';
import { complaintsChart } from './complaints.js';
import { duesRateChart } from './dues-rate.js';
import type { ChartSpec } from './types.js';

/** Every chart people can ask for, each one ChartSpec module. */
export const CHARTS: readonly ChartSpec[] = [duesRateChart, attendanceChart, complaintsChart];
