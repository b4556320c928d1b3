/** The three CRM record kinds `crm import` loads, plus the deal↔contact association (their tables: `store/schema/tables/crm-tables.ts`). */
export type CrmKind = 'accounts' | 'contacts' | 'deals' | 'deal-contacts';

export const CRM_KINDS: readonly CrmKind[] = ['accounts', 'contacts', 'deals', 'deal-contacts'];
