import { roleLabels, roles, type Role } from '../../../../contracts/roles.ts';
import { createUserInput, userImportColumns, type ImportRowError, type UserImportResult } from '../../../../contracts/users.ts';
import type { Db } from '../../db/database.ts';
import { AppError, ensure } from '../../errors.ts';
import { readSheet } from '../../lib/xlsx.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotCreateUser } from '../../policies/user-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { generateTemporaryPassword, hashPassword } from '../auth/passwords.ts';
import { findUnitsByCodes } from '../units/units.repository.ts';
import { findTakenIdentifiers, insertUser } from './users.repository.ts';
import { isUnitBound } from '../../../../contracts/roles.ts';

const roleByText = new Map<string, Role>([...roles.map((r) => [r, r] as const), ...roles.map((r) => [roleLabels[r], r] as const)]);
const fieldColumn: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  unitId: '单位代码',
  roles: '角色',
  email: '邮箱',
  phone: '手机号',
};

interface ParsedRow {
  rowNumber: number;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  unitId: number | null;
  roles: Role[];
}

/**
 * Imports users from the template workbook, all or nothing: one bad row and
 * nothing is written; every bad row is reported with its Excel row number.
 */
export async function importUsers(db: Db, actor: Actor, file: Buffer, audit: AuditContext): Promise<UserImportResult> {
  ensure(whyNotCreateUser(actor));
  const { rows, missingHeaders } = await readSheet(file, userImportColumns.slice(0, 4));
  if (missingHeaders.length) {
    throw new AppError('import_has_errors', {
      details: {
        errors: [{ row: 1, column: missingHeaders.join('、'), message: `缺少表头:${missingHeaders.join('、')}。请使用导入模板。` }],
      },
    });
  }
  if (rows.length === 0) throw new AppError('import_empty');

  const errors: ImportRowError[] = [];
  const units = new Map(
    (await findUnitsByCodes(db, [...new Set(rows.map((r) => r.cells['单位代码'] ?? '').filter(Boolean))])).map((u) => [
      u.code.toUpperCase(),
      u.id,
    ]),
  );
  const parsed: ParsedRow[] = [];
  for (const { rowNumber, cells } of rows) {
    const roleTexts = (cells['角色'] ?? '').split(/[、,,;;\s]+/).filter(Boolean);
    const unknownRoles = roleTexts.filter((t) => !roleByText.has(t));
    for (const t of unknownRoles)
      errors.push({ row: rowNumber, column: '角色', message: `未知角色“${t}”,可填:${Object.values(roleLabels).join('、')}` });
    const unitCode = cells['单位代码'] ?? '';
    const unitId = unitCode ? (units.get(unitCode.toUpperCase()) ?? null) : null;
    if (unitCode && unitId === null)
      errors.push({ row: rowNumber, column: '单位代码', message: `单位代码“${unitCode}”不存在,请在“单位与结对”中查看代码` });
    const candidate = {
      username: cells['用户名'] ?? '',
      displayName: cells['姓名'] ?? '',
      email: cells['邮箱'] ?? '',
      phone: cells['手机号'] ?? '',
      unitId,
      roles: roleTexts.map((t) => roleByText.get(t)).filter((r): r is Role => r !== undefined),
    };
    const result = createUserInput.safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues)
        errors.push({ row: rowNumber, column: fieldColumn[String(issue.path[0])] ?? '', message: issue.message });
      continue;
    }
    if (!unitCode && result.data.roles.some(isUnitBound))
      errors.push({ row: rowNumber, column: '单位代码', message: '该角色必须填写单位代码' });
    parsed.push({ rowNumber, ...result.data, email: result.data.email ?? null, phone: result.data.phone ?? null, unitId });
  }

  // Duplicates inside the file and against existing accounts.
  const taken = await findTakenIdentifiers(
    db,
    parsed.map((p) => p.username),
    parsed.flatMap((p) => (p.email ? [p.email] : [])),
    parsed.flatMap((p) => (p.phone ? [p.phone] : [])),
  );
  const seen = { username: new Map<string, number>(), email: new Map<string, number>(), phone: new Map<string, number>() };
  for (const p of parsed) {
    const checks = [
      ['username', p.username.toLowerCase(), taken.usernames, '用户名'],
      ['email', p.email?.toLowerCase(), taken.emails, '邮箱'],
      ['phone', p.phone, taken.phones, '手机号'],
    ] as const;
    for (const [key, value, existing, column] of checks) {
      if (!value) continue;
      if (existing.has(value)) errors.push({ row: p.rowNumber, column, message: `${column}“${value}”已被现有账号使用` });
      const first = seen[key].get(value);
      if (first !== undefined) errors.push({ row: p.rowNumber, column, message: `${column}“${value}”与第 ${first} 行重复` });
      else seen[key].set(value, p.rowNumber);
    }
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new AppError('import_has_errors', { details: { errors } });
  }

  const accounts = await Promise.all(
    parsed.map(async (p) => {
      const temporaryPassword = generateTemporaryPassword();
      return { row: p, temporaryPassword, passwordHash: await hashPassword(temporaryPassword) };
    }),
  );
  await db.transaction().execute(async (trx) => {
    for (const { row, passwordHash } of accounts) {
      const id = await insertUser(
        trx,
        {
          username: row.username,
          display_name: row.displayName,
          email: row.email,
          phone: row.phone,
          unit_id: row.unitId,
          password_hash: passwordHash,
          must_change_password: true,
        },
        row.roles,
      );
      await recordAudit(trx, audit, {
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        summary: { after: { username: row.username, roles: row.roles, unitId: row.unitId }, note: '批量导入' },
      });
    }
    await recordAudit(trx, audit, { action: 'user.imported', entityType: 'user', summary: { after: { count: accounts.length } } });
  });
  return {
    created: accounts.length,
    accounts: accounts.map(({ row, temporaryPassword }) => ({ username: row.username, displayName: row.displayName, temporaryPassword })),
  };
}
