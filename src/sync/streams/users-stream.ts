/**
 * Users: a full refresh every run (Gong has no "updated since" filter for users;
 * docs/gong-api.md §3.1). A user a complete pass no longer lists is marked `deleted_at`.
 */
import type { GongUser } from '../../gong/types.js';
import { gongUsers } from '../../store/schema/index.js';
import type { StreamDefinition } from '../engine/stream-definition.js';
import { userRecord } from '../../store/mappers/core-rows.js';
import { pagesOf } from './pages-of.js';
import { checkUser } from '../../gong/checks/record-shapes.js';

const n = (value: number) => value.toLocaleString('en-US');

export const usersStream: StreamDefinition<GongUser> = {
  name: 'users',
  description: 'Gong users, reps and managers with their manager: a full refresh every run.',
  tables: [gongUsers],
  scopes: ['api:users:read'],
  source: {
    replication: 'full-refresh',
    read: (ctx) => pagesOf(ctx.client.users({ signal: ctx.signal })),
    sweep: { action: 'mark-deleted', seenColumn: 'seen_run_id' },
  },
  summary: (s) => `${n(s.users ?? 0)} refreshed${s.deletedUsers ? `, ${n(s.deletedUsers)} no longer in Gong` : ''}`,
  check: checkUser,
  // A person erased with `pandora-gong erase` is not stored again.
  keep: (user, ctx) => !ctx.erased?.hasEmail(user.emailAddress),
  idOf: (user) => String(user.id),
  // A user who comes back is undeleted.
  toRows: (user) => ({ gong_users: [{ ...userRecord(user), deleted_at: null }] }),
};
