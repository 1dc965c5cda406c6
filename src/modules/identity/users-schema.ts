// TypeBox schemas of staff administration (用户管理): accounts bound to an organization and,
// where one is assigned, a window (窗口), with the roles an administrator may grant.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ROLES, type Role } from './permissions.js';

/** A value or null as one JSON-schema type list (an anyOf with null would let Ajv coerce 0 ↔ null). */
const Nullable = <T extends TSchema>(schema: T) => {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
};

const ROLE_KEYS = Object.keys(ROLES) as Role[];
/** One `enum` keyword, so a wrong role gets one clear message naming the field. */
export const RoleSchema = Type.Unsafe<Role>({ type: 'string', enum: ROLE_KEYS, description: `角色 role: ${ROLE_KEYS.join(' | ')}` });
export const IdSchema = Type.String({ minLength: 1, maxLength: 64, description: 'identifier' });
export const IdParams = Type.Object({ id: IdSchema });

const Username = Type.String({ pattern: '^[a-z][a-z0-9_.-]{2,31}$', description: '登录名 3–32 lower-case letters, digits, _ . - (starts with a letter)' });
const DisplayName = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S', description: '姓名 name shown at the window and in the audit trail' });
export const WindowCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,15}$', description: '窗口号 window code, e.g. A03' });
const Roles = Type.Array(RoleSchema, { minItems: 1, maxItems: 10, uniqueItems: true, description: '角色 roles' });
const Password = Type.String({ minLength: 1, maxLength: 200, description: '初始密码 (omit to have a one-time password generated)' });

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 64, description: '登录名或姓名包含 (username or name contains)' })),
    orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '机构（含下级）organization and those below it' })),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
    after: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '翻页游标 the nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export type UserListQueryInput = Static<typeof UserListQuery>;

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  roles: Type.Array(Type.String()),
  roleNames: Type.Array(Type.String()),
  windowCode: Nullable(Type.String()),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean({ description: '下次登录须修改密码 (a one-time password was issued)' }),
  createdAt: Type.String({ format: 'date-time' }),
});

const RoleOption = Type.Object({ role: Type.String(), name: Type.String() });

export const UserListResponse = Type.Object({
  items: Type.Array(UserSchema),
  nextCursor: Nullable(Type.String({ description: '下一页游标; null on the last page' })),
  grantableRoles: Type.Array(RoleOption, { description: '当前用户可以授予的角色 roles the caller may grant' }),
});

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    orgId: IdSchema,
    roles: Roles,
    windowCode: Type.Optional(Nullable(WindowCode)),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserBody>;

export const PatchUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    roles: Type.Optional(Roles),
    orgId: Type.Optional(IdSchema),
    windowCode: Type.Optional(Nullable(WindowCode)),
    active: Type.Optional(Type.Boolean({ description: 'false 停用 deactivates the account and ends its sessions' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchUserInput = Static<typeof PatchUserBody>;

export const ResetPasswordBody = Type.Object({ password: Type.Optional(Password) }, { additionalProperties: false });
export type ResetPasswordInput = Static<typeof ResetPasswordBody>;

/** The account, and the generated one-time password when one was issued: shown once, never stored in clear. */
export const UserWithPasswordSchema = Type.Object({
  user: UserSchema,
  initialPassword: Nullable(Type.String({ description: '一次性初始密码 (shown once)' })),
});
