/**
 * The columns of Salesforce and HubSpot exports, by what they mean. Header names are compared
 * by `columnKey` (lower case, letters and digits only), so `Account ID`, `AccountId`,
 * `account_id` and `Account.Id` are one column. Each field lists its names best first: the first
 * that the file has is used.
 *
 * Salesforce: data exports and the API use field names (`Id`, `AccountId`, `StageName`,
 * `CloseDate`, `IsClosed`…); reports use labels (`Account ID`, `Opportunity Name`, `Stage`,
 * `Close Date`, `Created Date`…). HubSpot exports use property labels (`Record ID`,
 * `Company name`, `Company Domain Name`, `Associated Company IDs`, `Deal Stage`, `Create Date`,
 * `Is Closed Won`…) and the API uses internal names (`hs_object_id`, `dealstage`, `closedate`).
 */
import type { CrmKind } from '../crm-kinds.js';

/**
 * `Account ID` → `accountid`; a BOM or stray quotes around a header do not matter.
 *
 * @example columnKey('Is Deal Closed?') // 'isdealclosed'
 */
export function columnKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export const ACCOUNT_COLUMNS = {
  id: ['id', 'accountid', 'accountid18', 'recordid', 'companyid', 'hsobjectid', 'companyrecordid', 'accountid15'],
  name: ['name', 'accountname', 'companyname', 'company'],
  domain: ['domain', 'companydomainname', 'companydomain', 'domainname', 'emaildomain'],
  website: ['website', 'websiteurl', 'companywebsite', 'url', 'web'],
} as const;

export const CONTACT_COLUMNS = {
  id: ['contactid', 'contactid18', 'id', 'recordid', 'hsobjectid', 'contactrecordid', 'contactid15'],
  email: ['email', 'emailaddress', 'primaryemail', 'workemail', 'contactemail', 'businessemail'],
  accountId: ['accountid', 'accountid18', 'associatedcompanyidprimary', 'associatedcompanyid', 'associatedcompanyids', 'companyid', 'accountid15', 'associatedcompanyrecordid'],
  accountName: ['accountname', 'associatedcompany', 'associatedcompanyprimary', 'companyname', 'company', 'account'],
  firstName: ['firstname', 'givenname'],
  lastName: ['lastname', 'surname', 'familyname'],
  fullName: ['name', 'fullname', 'contactname', 'contact'],
} as const;

export const DEAL_COLUMNS = {
  id: ['opportunityid', 'opportunityid18', 'dealid', 'id', 'recordid', 'hsobjectid', 'dealrecordid', 'opportunityid15'],
  name: ['opportunityname', 'dealname', 'name'],
  accountId: ['accountid', 'accountid18', 'associatedcompanyidprimary', 'associatedcompanyid', 'associatedcompanyids', 'companyid', 'accountid15'],
  accountName: ['accountname', 'associatedcompany', 'associatedcompanyprimary', 'companyname', 'company', 'account'],
  stage: ['stagename', 'stage', 'dealstage', 'opportunitystage'],
  amount: ['amount', 'dealamount', 'opportunityamount', 'amountincompanycurrency', 'amountconverted', 'amountusd'],
  createdAt: ['createddate', 'createdate', 'createdat', 'created', 'dealcreatedate', 'createdon', 'hscreatedate'],
  closeDate: ['closedate', 'closedat', 'expectedclosedate', 'closingdate'],
  isClosed: ['isclosed', 'closed', 'isdealclosed', 'dealclosed', 'hsisclosed'],
  isWon: ['iswon', 'won', 'isclosedwon', 'hsisclosedwon'],
  contactIds: ['associatedcontactids', 'associatedcontactid', 'contactids'],
} as const;

export const DEAL_CONTACT_COLUMNS = {
  dealId: ['opportunityid', 'opportunityid18', 'dealid', 'opportunityid15'],
  contactId: ['contactid', 'contactid18', 'contactid15'],
  role: ['role', 'contactrole'],
} as const;

export type ColumnSpec = Readonly<Record<string, readonly string[]>>;

/**
 * For each field of `spec`, the header (as written in the file) that holds it, if any.
 *
 * @example resolveColumns(CONTACT_COLUMNS, ['Id', 'AccountId', 'Email']) // { id: 'Id', email: 'Email', accountId: 'AccountId' }
 */
export function resolveColumns<S extends ColumnSpec>(spec: S, header: readonly string[]): { [K in keyof S]?: string } {
  const byKey = new Map<string, string>();
  for (const h of header) {
    const key = columnKey(h);
    if (key !== '' && !byKey.has(key)) byKey.set(key, h);
  }
  const out: { [K in keyof S]?: string } = {};
  const taken = new Set<string>();
  for (const field of Object.keys(spec) as (keyof S & string)[]) {
    for (const name of spec[field]!) {
      const column = byKey.get(name);
      // One column feeds one field: a contact's `Id` is its id, not also its account's.
      if (column !== undefined && !taken.has(column)) {
        out[field] = column;
        taken.add(column);
        break;
      }
    }
  }
  return out;
}

const HUBSPOT_MARKERS = ['recordid', 'hsobjectid', 'companydomainname', 'dealstage', 'dealname', 'associatedcompany', 'associatedcompanyids', 'associatedcompanyid', 'associatedcontactids', 'createdate', 'isclosedwon', 'isdealclosed', 'websiteurl'];
const SALESFORCE_MARKERS = ['stagename', 'accountid', 'opportunityid', 'isclosed', 'iswon', 'createddate', 'contactid', 'opportunityname', 'accountname', 'closedate', 'id'];

/**
 * What kind of records a header describes, and which CRM wrote it. Returns `undefined` when the
 * header says nothing recognisable (then `--kind` decides).
 *
 * @example detectCrmFormat(['Record ID', 'Deal Name', 'Deal Stage', 'Amount']) // { kind: 'deals', source: 'hubspot' }
 * @example detectCrmFormat(['Id', 'Name', 'Website'])                          // { kind: 'accounts', source: 'salesforce' }
 */
export function detectCrmFormat(header: readonly string[]): { kind: CrmKind; source: 'salesforce' | 'hubspot' | undefined } | undefined {
  const keys = new Set(header.map(columnKey));
  const has = (...names: string[]) => names.some((n) => keys.has(n));
  const source = detectSource(keys);
  const dealId = has('opportunityid', 'opportunityid18', 'opportunityid15', 'dealid');
  const dealFields = has('stagename', 'stage', 'dealstage', 'opportunitystage', 'opportunityname', 'dealname', 'amount', 'closedate', 'iswon', 'isclosed', 'isclosedwon', 'isdealclosed');
  if (dealId && has('contactid', 'contactid18', 'contactid15') && !dealFields) return { kind: 'deal-contacts', source };
  if (dealFields || dealId) return { kind: 'deals', source };
  if (has('email', 'emailaddress', 'primaryemail', 'workemail', 'contactemail', 'businessemail', 'contactid', 'contactid18', 'firstname', 'lastname')) {
    return { kind: 'contacts', source };
  }
  if (has('website', 'websiteurl', 'companywebsite', 'domain', 'companydomainname', 'companydomain', 'accountname', 'companyname', 'name')) {
    return { kind: 'accounts', source };
  }
  return undefined;
}

function detectSource(keys: ReadonlySet<string>): 'salesforce' | 'hubspot' | undefined {
  if (HUBSPOT_MARKERS.some((m) => keys.has(m))) return 'hubspot';
  if (SALESFORCE_MARKERS.some((m) => keys.has(m))) return 'salesforce';
  return undefined;
}

const SPEC_OF_KIND: Record<CrmKind, ColumnSpec> = { accounts: ACCOUNT_COLUMNS, contacts: CONTACT_COLUMNS, deals: DEAL_COLUMNS, 'deal-contacts': DEAL_CONTACT_COLUMNS };
/** Ids every CRM names alike: they say nothing about what kind of record a row is. */
const GENERIC_ID_KEYS = new Set(['id', 'recordid', 'hsobjectid']);
/** The columns named in a `--kind` refusal, as an export would spell them. */
export const EXPECTED_COLUMNS: Record<CrmKind, string> = {
  accounts: 'Account Name, Website or Domain',
  contacts: 'Contact ID, Email, First Name or Last Name',
  deals: 'Opportunity ID, Deal Name, Stage, Amount or Close Date',
  'deal-contacts': 'Opportunity ID and Contact ID',
};

/**
 * The headers that are evidence for `kind` against `other`: columns `kind` reads that `other`
 * does not (ids every CRM names alike count for neither).
 */
function evidenceFor(kind: CrmKind, other: CrmKind, header: readonly string[]): string[] {
  const names = (k: CrmKind) => new Set(Object.values(SPEC_OF_KIND[k]).flat());
  const mine = names(kind);
  const theirs = names(other);
  return header.filter((h) => {
    const key = columnKey(h);
    return !GENERIC_ID_KEYS.has(key) && mine.has(key) && !theirs.has(key);
  });
}

/**
 * Whether `--kind` contradicts a file: the file's own kind (`detected`, from its columns or the
 * type a Salesforce JSON export names) is another one, and the file has no column that only the
 * kind given would read. `--kind` still decides a file whose columns say nothing, or one whose
 * columns have something of the kind given (a HubSpot companies export with a `Close Date`).
 *
 * @example kindContradicts('deals', 'accounts', ['Id', 'Name', 'Website']) // true
 * @example kindContradicts('accounts', 'deals', ['Record ID', 'Company name', 'Company Domain Name', 'Close Date']) // false
 */
export function kindContradicts(kind: CrmKind, detected: CrmKind | undefined, header: readonly string[], options: { named?: boolean } = {}): boolean {
  if (detected === undefined || detected === kind) return false;
  if (options.named) return true;
  return evidenceFor(kind, detected, header).length === 0;
}
