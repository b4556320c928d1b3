/**
 * CRM linking (docs/crm-linking.md): import accounts, contacts and deals from Salesforce/HubSpot
 * exports or as records, and link every Gong call to its accounts and deals in `gong_call_links`.
 *
 * @example
 * import { importCrmFiles, linkCalls, listCallsForCrmObject, resolveAccount } from 'pandora-gong';
 * await importCrmFiles(store, ['accounts.csv', 'contacts.csv', 'opportunities.csv']);
 * await linkCalls(store);
 * const calls = await listCallsForCrmObject(store, await resolveAccount(store, 'Acme'));
 */
export type { CrmAccountInput, CrmContactInput, CrmDealInput, CrmDealContactInput, CrmRecords, CrmRecordRejection, CrmImportResult } from './crm-records.js';
export type { CrmKind } from './crm-kinds.js';
export { CRM_KINDS } from './crm-kinds.js';
export type { CrmDealContactsTable } from '../store/schema/index.js';
/** @deprecated The store's `Database` now types every CRM table; kept so existing imports compile. */
export type { Database as CrmDatabase } from '../store/schema/index.js';
export { importCrmRecords, type ImportCrmOptions } from './import-crm-records.js';
export { importCrmFiles, type CrmFileReport, type CrmFilesImportReport } from './import/import-crm-files.js';
export { readCrmExport, parseCrmExport, type CrmExport } from './import/read-crm-export.js';
export { detectCrmFormat } from './import/crm-columns.js';
export { crmIdKey } from './crm-id-key.js';
export { normalizeDomain, domainFromWebsite, normalizeEmail, emailDomain } from './domains/normalize-domain.js';
export { registrableDomain, domainAndParents } from './domains/registrable-domain.js';
export { isFreeMailDomain, FREE_MAIL_DOMAINS } from './domains/free-mail-domains.js';
export { emailMatchKey } from './domains/email-match-key.js';
export { loadCrmIndex, buildCrmIndex, type CrmIndex } from './link/crm-index.js';
export { matchCall, type CallToMatch, type CallMatch, type PlannedLink, type CallAudience } from './link/match-call.js';
export { selectDeal, isDealOpenAt, type DealForSelection } from './link/select-deal.js';
export { LINK_CONFIDENCE, type LinkMethod } from './link/link-confidence.js';
export { linkCalls, type LinkCallsOptions, type LinkReport } from './link/link-calls.js';
export { createCallLinker, hasCrmData, type CallLinker } from './link/call-linker.js';
export { summarizeCallLinks, type CallLinkSummary } from './query/summarize-call-links.js';
export { resolveAccount, resolveDeal, UnknownCrmObjectError, type ResolvedCrmObject } from './query/resolve-crm-object.js';
export { accountOverview, type AccountOverview } from './query/account-overview.js';
export { closestAccountNames } from './query/closest-account-names.js';
export { countCallLinks, type CallLinkCounts } from './query/count-call-links.js';
export { listCallsForCrmObject, type CrmCallView, type ListCallsOptions } from './query/list-calls-for-crm-object.js';
