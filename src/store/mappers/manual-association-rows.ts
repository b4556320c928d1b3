/** A manual CRM association event (docs/gong-api.md §3.5) → one row per account and deal it names. */
import type { GongManualCrmAssociation } from '../../gong/types.js';
import { gongTimeToUtcLenient, text } from './values.js';

export function manualAssociationRows(association: GongManualCrmAssociation): Record<string, unknown>[] {
  const callId = String(association.callId);
  const common = { call_id: callId, user_id: text(association.userId), created_at: gongTimeToUtcLenient(association.created) };
  const rows: Record<string, unknown>[] = [];
  for (const object of Array.isArray(association.associatedCrmObjects) ? association.associatedCrmObjects : []) {
    const account = text(object?.accountCrmId);
    const deal = text(object?.dealCrmId);
    if (account) rows.push({ ...common, crm_object_type: 'account', crm_object_id: account });
    if (deal) rows.push({ ...common, crm_object_type: 'deal', crm_object_id: deal });
  }
  return rows;
}
