import { duesRateChart } from './dues-rate.js';
import type { ChartSpec } from './types.js';

/** Every chart people can ask for; attendance per session and complaints by grid each add one ChartSpec. */
export const CHARTS: readonly ChartSpec[] = [duesRateChart];
