/**
 * A call's metadata (`GET /v2/calls` items, `metaData` of `/v2/calls/extensive`): the R2 keys in
 * R2's order with nulls present, then the newer `purpose`, `meetingUrl`, `isPrivate` and
 * `calendarEventId` (docs/gong-api.md §3.2).
 */
import { formatInstant } from '../company-time.js';
import type { Company } from '../company/company.js';
import type { CompanyCall } from '../company/types.js';
import { Prng } from '../prng.js';

export interface WireMetaData {
  id: string;
  url: string;
  title: string;
  scheduled: string;
  started: string;
  duration: number;
  primaryUserId: string;
  direction: CompanyCall['direction'];
  system: string;
  scope: CompanyCall['scope'];
  media: CompanyCall['media'];
  language: string;
  workspaceId: string;
  sdrDisposition: string | null;
  clientUniqueId: string | null;
  customData: string | null;
  purpose: string | null;
  meetingUrl: string | null;
  isPrivate: boolean;
  calendarEventId: string | null;
}

/**
 * Renders the metadata as Gong would at simulated time `atMs` (only `isPrivate` depends on it).
 *
 * @example toWireMetaData(company, call, sim.clock.now()).started // '2026-05-04T10:02:13.123456-04:00'
 */
export function toWireMetaData(company: Company, call: CompanyCall, atMs: number): WireMetaData {
  const off = company.offsetMinutes;
  const started = formatInstant(call.startedMs, off, call.startedDigits, call.startedMicros);
  const conference = call.kind === 'external' || call.kind === 'internal';
  const links = conference ? meetingLinks(call) : { meetingUrl: null, calendarEventId: null };
  return {
    id: call.id,
    url: `https://app.gong.io/call?id=${call.id}`,
    title: call.title,
    // Web conferences have the calendar slot; for dialer calls scheduled equals started (R2).
    scheduled: conference ? formatInstant(call.scheduledMs, off, 0) : started,
    started,
    duration: call.durationSec,
    primaryUserId: call.primaryUserId,
    direction: call.direction,
    system: call.system,
    scope: call.scope,
    media: call.media,
    language: call.language,
    workspaceId: call.workspaceId,
    sdrDisposition: call.sdrDisposition,
    clientUniqueId: call.clientUniqueId,
    customData: null,
    purpose: call.purpose,
    meetingUrl: links.meetingUrl,
    isPrivate: company.isPrivateAt(call, atMs),
    calendarEventId: links.calendarEventId,
  };
}

/** The meeting link and calendar event id of a web conference, derived from the call's seed. */
function meetingLinks(call: CompanyCall): { meetingUrl: string; calendarEventId: string | null } {
  const rng = new Prng(call.seed).derive('links');
  const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + rng.int(0, 25))).join('');
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  const meetingUrl =
    call.system === 'Zoom'
      ? `https://zoom.us/j/${rng.digits(10)}`
      : call.system === 'Google Meet'
        ? `https://meet.google.com/${letters(3)}-${letters(4)}-${letters(3)}`
        : call.system === 'Microsoft Teams'
          ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${hex(24)}%40thread.v2/0`
          : `https://northwind-sales.webex.com/meet/${letters(8)}`;
  // Ad-hoc meetings have no calendar event.
  const calendarEventId = rng.chance(0.1) ? null : call.system === 'Microsoft Teams' ? `AAMkAG${hex(40)}` : `${hex(26)}@google.com`;
  return { meetingUrl, calendarEventId };
}
