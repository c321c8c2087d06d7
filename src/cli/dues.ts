/**
 * npm run dues -- assess <year>   recomputes each member's monthly dues for the year from the roster
 *                                 (月党费 override, else the 2008 brackets on the declared base) and
 *                                 reports what changed. Reads MONGODB_URI (default the local database).
 */
import mongoose from 'mongoose';
import { formatYuan } from '../domain/dues/calculator.js';
import { assessYear } from '../dues/assessment.js';
import { createModels, syncIndexes } from '../models/index.js';

const [action, yearText] = process.argv.slice(2);
const year = Number(yearText);
if (action !== 'assess' || !Number.isInteger(year) || year < 2000 || year > 2100) {
  console.error('用法 / usage: npm run dues -- assess <year>   例如 npm run dues -- assess 2027');
  process.exit(2);
}
const db = mongoose.createConnection(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/dangjian');
await db.asPromise();
try {
  const models = createModels(db);
  await syncIndexes(models);
  const report = await assessYear(models, year);
  console.log(
    `${year}年党费核定：新核定 ${report.created} · 未变 ${report.unchanged} · 调整 ${report.changed.length} · 缺基数 ${report.missing.length}`,
  );
  for (const c of report.changed)
    console.log(`  调整 ${c.name}：${formatYuan(c.fromFen)} → ${formatYuan(c.toFen)}`);
  if (report.missing.length > 0)
    console.log(`  缺少月党费或收入基数，无法核定：${report.missing.join('、')}`);
} finally {
  await db.close();
}
