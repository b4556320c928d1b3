import type { Migration } from './column-types.js';

/**
 * CRM linking (docs/crm-linking.md): the deal↔contact association, fed by Salesforce
 * `OpportunityContactRole` exports and HubSpot's "Associated Contact IDs", so that a call whose
 * participant is a contact on a deal links that deal rather than another open one. The CRM
 * tables and `gong_call_links` themselves are in `001-initial`.
 */
export const crm: Migration = {
  id: '002-crm',
  statements: (_engine, t) => [
    `CREATE TABLE crm_deal_contacts (
      connection_id ${t.text} NOT NULL,
      deal_id ${t.text} NOT NULL,
      contact_id ${t.text} NOT NULL,
      role ${t.text},
      source ${t.text},
      imported_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, deal_id, contact_id)
    )`,
    `CREATE INDEX crm_deal_contacts_contact ON crm_deal_contacts (connection_id, contact_id)`,
  ],
};
