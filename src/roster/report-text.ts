/**
 * What an import says to the secretary, in Chinese first: counts, a community created, columns ignored and
 * not stored, the roles and statuses read (a dry run's preview), and the rows that need a look.
 */
import { labelOf, MEMBER_STATUS_LABELS, ROLE_LABELS, ROLES, type Role } from '../domain/member-vocabulary.js';
import type { ImportReport, PreviewRow } from './import.js';

export function reportLines(title: string, report: ImportReport, dryRun: boolean): string[] {
  const { created, updated, unchanged, rejected } = report;
  const lines = [title];
  if (report.communityCreated) {
    const { name, code } = report.communityCreated;
    lines.push(
      `${dryRun ? '将新建' : '已新建'}社区：${name}（${code}） / community ${dryRun ? 'to be ' : ''}created`,
    );
  }
  lines.push(`新增 ${created} · 更新 ${updated} · 未变 ${unchanged} · 拒绝 ${rejected.length}`);
  lines.push(
    `created ${created} · updated ${updated} · unchanged ${unchanged} · rejected ${rejected.length}`,
  );
  if (report.ignoredColumns) lines.push(`未使用的列（不导入）：${report.ignoredColumns.join('、')}`);
  if (report.notStoredColumns) {
    lines.push(`${report.notStoredColumns.join('、')}：不读取、不保存（助手用不到这些个人信息）`);
  }
  if (report.preview) lines.push(...previewLines(report.preview));
  for (const { problems } of rejected) for (const problem of problems) lines.push(`  ${problem}`);
  if (report.attention) {
    lines.push(`请核对以下 ${report.attention.length} 行的备注（看懂的已读入，没看懂的部分不导入）：`);
    for (const a of report.attention) {
      lines.push(`  第${a.row}行 ${a.name}：备注「${a.remarks}」中「${a.unread.join('、')}」没看懂`);
    }
  }
  const nothingApplied = rejected.length > 0 && created + updated + unchanged === 0;
  if (nothingApplied) {
    lines.push('有被拒绝的行，什么都没有写入（改正后重新导入，或加 --allow-partial 只导入正确的行）。');
    lines.push('Rows were rejected; nothing was applied.');
  } else if (dryRun) {
    lines.push('试运行：数据库未改动。 Dry run: nothing was written.');
  }
  return lines;
}

const names = (rows: readonly PreviewRow[]) => rows.map((r) => r.member.name).join('、');

/** Branches, roles and statuses as the import read them: what the secretary checks before importing. */
export function previewLines(rows: readonly PreviewRow[]): string[] {
  const lines: string[] = [];
  const byBranch = new Map<string, number>();
  for (const { member } of rows) {
    const branch = member.branch ?? '（未填支部）';
    byBranch.set(branch, (byBranch.get(branch) ?? 0) + 1);
  }
  lines.push(`支部：${[...byBranch].map(([b, n]) => `${b} ${n}人`).join('，')}`);
  const officerRoles = ROLES.filter((r): r is Exclude<Role, 'member'> => r !== 'member');
  const roleParts = officerRoles.flatMap((role) => {
    const holders = rows.filter((r) => r.member.roles?.includes(role));
    return holders.length === 0
      ? []
      : [
          `${labelOf(ROLE_LABELS, role)} ${holders.map((h) => `${h.member.name}（${h.member.branch ?? ''}）`).join('、')}`,
        ];
  });
  lines.push(`角色：${roleParts.length > 0 ? roleParts.join('；') : '没有读到书记等角色'}`);
  const statusParts: string[] = [];
  for (const status of ['mobile', 'deceased', 'transferred_out', 'suspended'] as const) {
    const found = rows.filter((r) => r.member.status === status);
    if (found.length > 0) statusParts.push(`${labelOf(MEMBER_STATUS_LABELS, status)} ${names(found)}`);
  }
  const probationary = rows.filter((r) => r.member.probationary);
  if (probationary.length > 0) statusParts.push(`预备党员 ${names(probationary)}`);
  const proxied = rows.filter((r) => r.member.proxyPayer);
  if (proxied.length > 0) {
    statusParts.push(
      `代缴 ${proxied.map((r) => `${r.member.name}（${r.member.proxyPayer?.name}${r.member.proxyPayer?.relation ? `，${r.member.proxyPayer.relation}` : ''}）`).join('、')}`,
    );
  }
  if (statusParts.length > 0) lines.push(`备注读到：${statusParts.join('；')}`);
  const monthOnly = rows.filter((r) => r.member.joinedOn?.length === 7).length;
  if (monthOnly > 0) lines.push(`入党时间只写到月份的 ${monthOnly} 人：按所写的年月保存`);
  const unbound = rows.filter((r) => r.member.wecomUserId === null && r.action === 'create').length;
  if (unbound > 0) {
    lines.push(`没有企业微信账号的 ${unbound} 人：本人第一次给助手发消息时，用姓名和手机后四位绑定`);
  }
  const sameName = new Map<string, number>();
  for (const { member } of rows) sameName.set(member.name, (sameName.get(member.name) ?? 0) + 1);
  const twins = [...sameName].filter(([, n]) => n > 1);
  if (twins.length > 0) {
    lines.push(
      `同名：${twins.map(([n, c]) => `${n} ${c}人`).join('、')}（绑定时靠手机后四位区分，相同时请书记代为绑定）`,
    );
  }
  return lines;
}
