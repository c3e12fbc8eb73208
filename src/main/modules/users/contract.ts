// Accounts, roles and sign-in.
import { z } from 'zod';
import { method } from '../../api/contract';
import { id, paging, requiredText, trimmed, type Page } from '../../api/schemas';
import { PERMISSIONS, type Permission } from '../../api/permissions';

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  permissions: Permission[];
  departmentId: number | null;
  custodianId: number | null;
  active: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  locale: string | null;
  version: number;
}

/** What users.lookup shows of a person: enough to name them, nothing about their account. */
export interface UserLookupDto {
  id: number;
  displayName: string;
  departmentId: number | null;
}

export interface RoleDto {
  key: string;
  name: string;
  description: string;
  permissions: Permission[];
  builtin: boolean;
  userCount: number;
  version: number;
}

/** At least 8 characters; the renderer shows the rule before the user types. */
export const password = z.string().min(8, 'validation.passwordTooShort').max(200);
const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.@-]{2,40}$/, 'validation.username');
const roleKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'validation.roleKey');
const permission = z.enum(PERMISSIONS);

export const usersContract = {
  'auth.login': method<{ token: string; user: UserDto }>()({
    input: z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }),
    access: 'public',
    mode: 'write',
    summary:
      'Sign in. Repeated failures lock the account for a while (ACCOUNT_LOCKED); HTTP also rate-limits by address (RATE_LIMITED).',
    returns: '{ token, user: UserDto }',
  }),
  'auth.logout': method<{ ok: true }>()({
    input: z.object({}),
    access: 'session',
    mode: 'write',
    summary: 'End the current session.',
    returns: '{ ok: true }',
  }),
  'auth.me': method<UserDto>()({
    input: z.object({}),
    access: 'session',
    mode: 'read',
    summary: 'The signed-in user with roles and effective permissions.',
    returns: 'UserDto',
  }),
  'auth.changePassword': method<{ ok: true }>()({
    input: z.object({ oldPassword: z.string().min(1).max(200), newPassword: password }),
    access: 'session',
    mode: 'write',
    summary: 'Change one’s own password; other sessions of the user are ended.',
    returns: '{ ok: true }',
  }),
  'users.list': method<Page<UserDto>>()({
    input: z.object({
      query: trimmed(100).optional(),
      includeInactive: z.boolean().default(false),
      ...paging,
    }),
    access: 'users.manage',
    mode: 'read',
    summary: 'Accounts, filtered by a substring of username or display name.',
    returns: '{ rows: UserDto[], total }',
  }),
  'users.lookup': method<UserLookupDto[]>()({
    input: z.object({
      q: trimmed(100).optional(),
      limit: z.number().int().min(1).max(100).default(20),
      /** Only people who may act on approvals (for naming an approver or a delegate). */
      approvers: z.boolean().default(false),
      /** These people (e.g. the named approvers of a template), inactive ones included. */
      ids: z.array(id).max(200).optional(),
      /** Former staff too: they still appear in old documents and in the audit log. */
      includeInactive: z.boolean().default(false),
    }),
    access: 'session',
    mode: 'read',
    summary:
      'Active people (or everyone, with includeInactive) by a substring of their display name (or the given ids), for choosing an approver, delegate or other named person: id, display name and department only.',
    returns: '{ id, displayName, departmentId }[]',
  }),
  'users.get': method<UserDto>()({
    input: z.object({ id }),
    access: 'users.manage',
    mode: 'read',
    summary: 'One account.',
    returns: 'UserDto',
  }),
  'users.create': method<UserDto>()({
    input: z.object({
      username,
      password,
      displayName: requiredText(100),
      roles: z.array(roleKey).min(1),
      departmentId: id.nullable().optional(),
      custodianId: id.nullable().optional(),
      mustChangePassword: z.boolean().default(true),
    }),
    access: 'users.manage',
    mode: 'write',
    summary:
      'Create an account with roles (role keys: admin, asset_manager, clerk, accountant, approver, auditor, employee, or custom).',
    returns: 'UserDto',
  }),
  'users.update': method<UserDto>()({
    input: z.object({
      id,
      version: z.number().int().positive(),
      displayName: requiredText(100).optional(),
      roles: z.array(roleKey).min(1).optional(),
      departmentId: id.nullable().optional(),
      custodianId: id.nullable().optional(),
      active: z.boolean().optional(),
      locale: z.enum(['zh-CN', 'en']).nullable().optional(),
    }),
    access: 'users.manage',
    mode: 'write',
    summary:
      'Change an account; deactivating ends its sessions. The last active admin cannot be removed or demoted.',
    returns: 'UserDto',
  }),
  'users.resetPassword': method<{ ok: true }>()({
    input: z.object({ id, newPassword: password }),
    access: 'users.manage',
    mode: 'write',
    summary: 'Set a new password for a user (who must change it at next sign-in) and unlock the account.',
    returns: '{ ok: true }',
  }),
  'users.unlock': method<UserDto>()({
    input: z.object({ id }),
    access: 'users.manage',
    mode: 'write',
    summary: 'Clear a lockout after repeated failed sign-ins.',
    returns: 'UserDto',
  }),
  'roles.list': method<RoleDto[]>()({
    input: z.object({}),
    access: 'session',
    mode: 'read',
    summary: 'All roles with their permissions.',
    returns: 'RoleDto[]',
  }),
  'roles.permissions': method<Permission[]>()({
    input: z.object({}),
    access: 'session',
    mode: 'read',
    summary: 'Every permission key the API knows.',
    returns: 'Permission[]',
  }),
  'roles.create': method<RoleDto>()({
    input: z.object({
      key: roleKey,
      name: requiredText(60),
      description: trimmed(200).default(''),
      permissions: z.array(permission),
    }),
    access: 'users.manage',
    mode: 'write',
    summary: 'Create a custom role.',
    returns: 'RoleDto',
  }),
  'roles.update': method<RoleDto>()({
    input: z.object({
      key: roleKey,
      version: z.number().int().positive(),
      name: requiredText(60).optional(),
      description: trimmed(200).optional(),
      permissions: z.array(permission).optional(),
    }),
    access: 'users.manage',
    mode: 'write',
    summary: 'Edit a role’s name and permissions (admin keeps every permission).',
    returns: 'RoleDto',
  }),
  'roles.delete': method<{ key: string }>()({
    input: z.object({ key: roleKey }),
    access: 'users.manage',
    mode: 'write',
    summary: 'Delete a custom role that no user holds (IN_USE otherwise); built-in roles cannot be deleted.',
    returns: '{ key }',
  }),
};
