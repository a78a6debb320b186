import { z } from 'zod';
import { roles, type Role } from './roles.ts';
import { mobilePhone, optionalText, pageQuery } from './common.ts';

export const userStatus = ['active', 'disabled'] as const;
export type UserStatus = (typeof userStatus)[number];

export const usernameRule = z
  .string()
  .trim()
  .min(3, '用户名至少 3 位')
  .max(40, '用户名最多 40 位')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符');

export const userFields = {
  displayName: z.string().trim().min(1, '请输入姓名').max(40, '姓名最多 40 字'),
  email: optionalText(z.string().trim().email('邮箱格式不正确').max(120)),
  phone: optionalText(mobilePhone),
  unitId: z.number().int().positive().nullable().optional(),
  roles: z.array(z.enum(roles)).min(1, '请至少选择一个角色'),
};

export const createUserInput = z.object({ username: usernameRule, ...userFields });
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z.object(userFields).partial();
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const listUsersQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  role: z.enum(roles).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  status: z.enum(userStatus).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export interface UserAbilities {
  update: boolean;
  disable: boolean;
  enable: boolean;
  resetPassword: boolean;
}

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  unit: { id: number; name: string } | null;
  roles: Role[];
  status: UserStatus;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  abilities: UserAbilities;
}

/** Returned once when an admin creates a user or resets a password. */
export interface TemporaryPasswordResponse {
  user: UserDto;
  temporaryPassword: string;
}

export interface ImportRowError {
  /** Spreadsheet row number as the user sees it (1-based, header is row 1). */
  row: number;
  column: string;
  message: string;
}

export interface UserImportResult {
  created: number;
  /** Username and one-time password of each created account, for handing out. */
  accounts: { username: string; displayName: string; temporaryPassword: string }[];
}

/** Columns of the user import workbook, in order. */
export const userImportColumns = ['用户名', '姓名', '单位代码', '角色', '邮箱', '手机号'] as const;
