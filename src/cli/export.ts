/**
 * npm run export -- <名称> [期间] [--community <code>] [--out <file.xlsx>]
 *   npm run export -- 党费台账 2026 --out 台账.xlsx
 *   npm run export -- 活动 11月
 *   npm run export -- 考勤 三季度
 *   npm run export -- 诉求 11月
 * Writes the same spreadsheet as 「导出 …」 in chat, for the whole community. Reads MONGODB_URI (default
 * the local database); --community is needed only when the database holds more than one community.
 * Nobody is behind the command line whom the privacy rules name, so residents' names and phones in 诉求 come
 * out masked; a secretary who needs them in full exports in chat.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { UserError } from '../bot/user-error.js';
import { EXPORTS, exportNamed } from '../desk/exports/index.js';
import { createModels } from '../models/index.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { community: { type: 'string' }, out: { type: 'string' } },
});
const [name = '', ...rest] = positionals;
const spec = exportNamed(name);
if (!spec) {
  console.error('用法 / usage: npm run export -- <名称> [期间] [--community <code>] [--out <file.xlsx>]');
  for (const e of EXPORTS)
    console.error(
      `  ${e.names[0]}\t${e.summary}\t例如 npm run export -- ${e.example.replace(/^导出\s*/, '')}`,
    );
  process.exit(2);
}

const db = mongoose.createConnection(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/dangjian');
await db.asPromise();
try {
  const models = createModels(db);
  const communities = await models.Community.find(values.community ? { code: values.community } : {}).lean();
  const community = communities[0];
  if (!community || communities.length > 1) {
    const codes = (await models.Community.find({}, { code: 1 }).lean()).map((c) => c.code);
    console.error(
      values.community
        ? `没有社区「${values.community}」。现有：${codes.join('、') || '无'}`
        : `请用 --community 指定社区：${codes.join('、') || '数据库里还没有社区'}`,
    );
    process.exit(2);
  }
  const now = new Date();
  const { timeZone } = community;
  const parsed = spec.parse(rest.join(' '), { now, timeZone });
  if (!parsed.ok) {
    console.error('error' in parsed ? parsed.error : parsed.question);
    process.exit(2);
  }
  const scope = { filter: { communityId: community._id }, label: '全社区', name: community.name };
  const file = await spec.build({ models, scope, now, timeZone, viewer: null }, parsed.args);
  const out = values.out ?? file.filename;
  await writeFile(out, file.data);
  console.log(`${file.summary}已写入 ${out}`);
} catch (error) {
  if (!(error instanceof UserError)) throw error;
  console.error(error.reply);
  process.exitCode = 1;
} finally {
  await db.close();
}
