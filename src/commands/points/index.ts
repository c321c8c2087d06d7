import type { Command } from '../../bot/command.js';
import { myPoints } from './mine.js';
import { pointsRanking } from './ranking.js';

export const pointCommands: readonly Command[] = [myPoints, pointsRanking];
