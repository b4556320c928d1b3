/**
 * A user as `GET /v2/users` sends it: every key of the real R1 page in the same order, with
 * null-valued optional fields present (fixture `users-page.real.json`).
 */
import type { CompanyUser } from '../company/types.js';

export interface WireUser {
  id: string;
  emailAddress: string;
  created: string;
  active: boolean;
  emailAliases: string[];
  trustedEmailAddress: string | null;
  firstName: string;
  lastName: string;
  title: string | null;
  phoneNumber: string | null;
  extension: string | null;
  personalMeetingUrls: string[];
  settings: Record<
    | 'webConferencesRecorded'
    | 'preventWebConferenceRecording'
    | 'telephonyCallsImported'
    | 'emailsImported'
    | 'preventEmailImport'
    | 'nonRecordedMeetingsImported'
    | 'gongConnectEnabled',
    boolean
  >;
  managerId: string | null;
  meetingConsentPageUrl: string | null;
  conferencingProviders: null;
  spokenLanguages: { language: string; primary: boolean }[];
}

/** @example toWireUser(company.users[0]).emailAddress */
export function toWireUser(user: CompanyUser): WireUser {
  const recorded = user.active && user.role !== 'Marketing';
  return {
    id: user.id,
    emailAddress: user.emailAddress,
    created: user.created,
    active: user.active,
    emailAliases: [...user.emailAliases],
    trustedEmailAddress: null,
    firstName: user.firstName,
    lastName: user.lastName,
    title: user.title,
    phoneNumber: user.phoneNumber,
    extension: null,
    personalMeetingUrls: [...user.personalMeetingUrls],
    settings: {
      webConferencesRecorded: recorded,
      preventWebConferenceRecording: false,
      telephonyCallsImported: recorded && (user.role === 'SDR' || user.role === 'AE'),
      emailsImported: recorded,
      preventEmailImport: false,
      nonRecordedMeetingsImported: recorded,
      gongConnectEnabled: user.role === 'SDR',
    },
    managerId: user.managerId,
    meetingConsentPageUrl: user.meetingConsentPageUrl,
    conferencingProviders: null,
    spokenLanguages: user.spokenLanguages.map((l) => ({ ...l })),
  };
}
