/**
 * `GET /v2/library/folders` and `/v2/library/folder-content` truth: public library folders per
 * workspace (some nested, some empty, one created after the simulated start) and the calls
 * managers put in them. A call is in a folder from `addedMs` until `removedMs`; right after the
 * company's `now` one call is added to and another removed from the first non-empty folder, so a
 * later sync sees the folder change.
 */
import type { Company } from '../company/company.js';
import type { Agenda, CompanyCall, CompanyUser } from '../company/types.js';
import { gongId } from '../ids.js';
import { hashSeed, Prng } from '../prng.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface LibraryEntry {
  callId: string;
  title: string;
  note: string;
  addedBy: string;
  addedMs: number;
  /** When it was taken out of the folder, or null. */
  removedMs: number | null;
  snippet: { fromSec: number; toSec: number } | null;
}

export interface LibraryFolder {
  id: string;
  name: string;
  workspaceId: string;
  parentFolderId: string | null;
  createdBy: string | null;
  /** The folder exists (and is listed) from here on. */
  createdMs: number;
  entries: LibraryEntry[];
}

interface FolderSpec {
  name: string;
  successWorkspace?: boolean;
  parent?: string;
  /** Calls it collects; none = an empty folder (or a parent of others). */
  agendas?: Agenda[];
  /** Created this long after the company's `now` (default: long before the calls). */
  createdAfterNowMs?: number;
}

const SPECS: readonly FolderSpec[] = [
  { name: 'Best Discovery Calls', agendas: ['discovery', 'intro'] },
  { name: 'Objection Handling' },
  { name: 'Pricing Objections', parent: 'Objection Handling', agendas: ['pricing', 'negotiation'] },
  { name: 'Security Reviews', parent: 'Objection Handling', agendas: ['security'] },
  { name: 'Demos That Won', agendas: ['demo'] },
  { name: 'Cold Call Openers', agendas: ['cold-call'] },
  { name: 'New Hire Onboarding' },
  { name: 'Week 1', parent: 'New Hire Onboarding' },
  { name: 'Competitive Wins', agendas: ['demo', 'negotiation'], createdAfterNowMs: 2 * DAY },
  { name: 'Renewal Conversations', successWorkspace: true, agendas: ['check-in', 'discovery', 'intro'] },
  { name: 'QBR Examples', successWorkspace: true },
];

const NOTES = ['Great example of multi-threading', 'Listen from the pricing discussion', 'Textbook next steps', 'How to handle "we already use spreadsheets"', 'Strong opener'];

/**
 * Every folder the company will ever have, parents before children.
 *
 * @example buildLibrary(company).filter((f) => f.entries.length === 0).map((f) => f.name) // ['Objection Handling', …]
 */
export function buildLibrary(company: Company): LibraryFolder[] {
  const historyStart = company.calls[0]?.startedMs ?? company.now;
  const folders: LibraryFolder[] = [];
  const byName = new Map<string, LibraryFolder>();
  for (const spec of SPECS) {
    if (spec.successWorkspace && !company.workspaces[1]) continue;
    const workspace = spec.successWorkspace ? company.workspaces[1]! : company.workspaces[0]!;
    const rng = new Prng(hashSeed(company.seed, 'library', spec.name));
    const curators = company.users.filter((u) => u.workspaceId === workspace.id && (u.role === 'Manager' || u.role === 'Executive' || u.role === 'CSM'));
    const createdMs = spec.createdAfterNowMs !== undefined ? company.now + spec.createdAfterNowMs : historyStart - rng.int(20, 400) * DAY;
    const folder: LibraryFolder = {
      id: gongId(rng),
      name: spec.name,
      workspaceId: workspace.id,
      parentFolderId: spec.parent ? (byName.get(spec.parent)?.id ?? null) : null,
      createdBy: curators.length === 0 || rng.chance(0.15) ? null : rng.pick(curators).id,
      createdMs,
      entries: spec.agendas ? entriesFor(company, workspace.id, spec.agendas, createdMs, curators, rng) : [],
    };
    folders.push(folder);
    byName.set(spec.name, folder);
  }
  scheduleChangeAfterNow(company, folders);
  return folders;
}

function entriesFor(company: Company, workspaceId: string, agendas: readonly Agenda[], createdMs: number, curators: readonly CompanyUser[], rng: Prng): LibraryEntry[] {
  const candidates = company.calls.filter(
    (c) => c.workspaceId === workspaceId && agendas.includes(c.agenda) && !c.isPrivate && c.becomesPrivateAt === null && c.kind !== 'imported' && c.durationSec >= 300,
  );
  const picked = rng.sample(candidates, rng.int(3, 9));
  return picked
    .map((call) => {
      const addedMs = Math.max(call.visibleAt, createdMs) + Math.round(rng.logNormal(5 * DAY, 1, 2 * HOUR, 60 * DAY));
      return entry(call, addedMs, rng.chance(0.12) ? addedMs + Math.round(rng.logNormal(20 * DAY, 0.8, DAY, 90 * DAY)) : null, curators, rng);
    })
    .sort((a, b) => a.addedMs - b.addedMs);
}

function entry(call: CompanyCall, addedMs: number, removedMs: number | null, curators: readonly CompanyUser[], rng: Prng): LibraryEntry {
  const fromSec = rng.int(0, Math.max(0, call.durationSec - 120));
  return {
    callId: call.id,
    title: call.title,
    note: rng.chance(0.6) ? rng.pick(NOTES) : '',
    addedBy: curators.length > 0 ? rng.pick(curators).id : call.primaryUserId,
    addedMs: Math.floor(addedMs / 1000) * 1000,
    removedMs: removedMs === null ? null : Math.floor(removedMs / 1000) * 1000,
    snippet: rng.chance(0.4) ? { fromSec, toSec: Math.min(call.durationSec, fromSec + rng.int(30, 300)) } : null,
  };
}

/** A day after `now`, the first folder with calls loses one it had and gains one it did not. */
function scheduleChangeAfterNow(company: Company, folders: LibraryFolder[]): void {
  const now = company.now;
  const folder = folders.find((f) => f.createdMs <= now && f.entries.some((e) => e.addedMs <= now && e.removedMs === null));
  if (!folder) return;
  const rng = new Prng(hashSeed(company.seed, 'library-change'));
  const leaving = folder.entries.find((e) => e.addedMs <= now && e.removedMs === null)!;
  leaving.removedMs = now + DAY;
  const inFolder = new Set(folder.entries.map((e) => e.callId));
  const reference = company.callById(leaving.callId)!;
  const newcomer = company.calls.find(
    (c) => !inFolder.has(c.id) && c.workspaceId === folder.workspaceId && c.agenda === reference.agenda && c.visibleAt < now && !c.isPrivate && c.becomesPrivateAt === null && c.kind !== 'imported',
  );
  if (!newcomer) return;
  folder.entries.push(entry(newcomer, now + DAY + HOUR, null, [company.userById(leaving.addedBy) ?? company.users[0]!], rng));
  folder.entries.sort((a, b) => a.addedMs - b.addedMs);
}

/** Whether the folder is listed at `atMs`. */
export const folderExistsAt = (folder: LibraryFolder, atMs: number) => folder.createdMs <= atMs;

/** The folder's calls at `atMs`, in the order they were added. */
export function folderEntriesAt(folder: LibraryFolder, atMs: number): LibraryEntry[] {
  return folder.entries.filter((e) => e.addedMs <= atMs && (e.removedMs === null || e.removedMs > atMs));
}

/** `updated`: the folder's creation or its latest change, as of `atMs`. */
export function folderUpdatedMs(folder: LibraryFolder, atMs: number): number {
  let updated = folder.createdMs;
  for (const e of folder.entries) {
    if (e.addedMs <= atMs) updated = Math.max(updated, e.addedMs);
    if (e.removedMs !== null && e.removedMs <= atMs) updated = Math.max(updated, e.removedMs);
  }
  return updated;
}
