/** The CRM records `crm import` loads, for linking calls to accounts and deals (migrations `001`, `002`). */
import { bool, json, real, text, time } from '../column.js';
import { defineTable } from '../table.js';

export const crmAccounts = defineTable({
  name: 'crm_accounts',
  description: 'CRM accounts imported from Salesforce or HubSpot exports.',
  key: ['id'],
  tenant: true,
  exportName: 'crm_accounts',
  columns: {
    id: text(),
    name: text().nullable(),
    domain: text().nullable(),
    website: text().nullable(),
    source: text().nullable(),
    raw: json().nullable().internal(),
    imported_at: time().internal(),
  },
});

export const crmContacts = defineTable({
  name: 'crm_contacts',
  description: 'CRM contacts imported from Salesforce or HubSpot exports.',
  key: ['id'],
  tenant: true,
  exportName: 'crm_contacts',
  columns: {
    id: text(),
    email: text().nullable(),
    account_id: text().nullable(),
    first_name: text().nullable(),
    last_name: text().nullable(),
    source: text().nullable(),
    raw: json().nullable().internal(),
    imported_at: time().internal(),
  },
});

export const crmDeals = defineTable({
  name: 'crm_deals',
  description: 'CRM deals (opportunities) imported from Salesforce or HubSpot exports.',
  key: ['id'],
  tenant: true,
  exportName: 'crm_deals',
  columns: {
    id: text(),
    name: text().nullable(),
    account_id: text().nullable(),
    stage: text().nullable(),
    amount: real().nullable(),
    created_at: time().nullable(),
    close_date: time().nullable(),
    is_closed: bool().nullable(),
    is_won: bool().nullable(),
    source: text().nullable(),
    raw: json().nullable().internal(),
    imported_at: time().internal(),
  },
});

/**
 * Which contacts take part in a deal: Salesforce `OpportunityContactRole`, HubSpot's "Associated
 * Contact IDs" of a deal. A call whose participant is a contact on a deal prefers that deal over
 * the account's other open deals.
 */
export const crmDealContacts = defineTable({
  name: 'crm_deal_contacts',
  description: 'Who is on which deal, for choosing a call’s deal.',
  key: ['deal_id', 'contact_id'],
  tenant: true,
  columns: {
    deal_id: text(),
    contact_id: text(),
    /** The contact's role on the deal as the CRM names it (`Decision Maker`…), if given. */
    role: text().nullable(),
    source: text().nullable(),
    imported_at: time(),
  },
});
