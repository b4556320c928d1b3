/**
 * Accounts and deals reps associated with a call by hand in Gong (docs/gong-api.md §3.5): the
 * strongest evidence a call has. The newest association of a call wins, replacing its rows.
 * `erase` removes those of an erased person's calls.
 */
import { text, textOf, time } from '../column.js';
import { defineTable } from '../table.js';

export const gongManualCrmAssociations = defineTable({
  name: 'gong_manual_crm_associations',
  description: 'CRM accounts and deals a rep associated with a call by hand (the newest association wins).',
  key: ['call_id', 'crm_object_type', 'crm_object_id'],
  tenant: true,
  exportName: 'manual_crm_associations',
  // Not removed with their call: the stream mirrors Gong's association events (a Singer or
  // Airbyte read emits the same rows), and the linker only links calls the store holds.
  columns: {
    call_id: text(),
    crm_object_type: textOf<'account' | 'deal'>(),
    crm_object_id: text(),
    user_id: text().nullable(),
    created_at: time().nullable(),
    synced_at: time().internal(),
  },
});
