import type { Command } from 'commander';
import type { GongMonologue } from '../../gong/types.js';
import type { GongStore } from '../../store/gong-store.js';
import { toGongParty } from '../../transcript/render-stored-transcript.js';
import { formatTimestamp, formatTranscript } from '../../transcript/format-transcript.js';
import { speakerResolver } from '../../transcript/resolve-speaker.js';
import { GongError } from '../../errors.js';
import { choiceOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { withStore } from '../open-cli-store.js';

const FORMATS = ['text', 'markdown', 'json'] as const;

export function registerTranscriptCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('transcript')
    .description('print a call\'s transcript with speaker names and timestamps')
    .argument('<callId>', 'Gong call id')
    .option('--format <format>', 'text, markdown or json', 'text')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB)')
    .action((callId: string, flags: { format: string; db?: string }) =>
      run(async () => {
        const format = choiceOption('--format', flags.format, FORMATS)!;
        return withStore(flags.db, cli, async (store) => {
          cli.stdout.write(`${await renderTranscript(store, callId.trim(), format)}\n`);
          return EXIT.ok;
        }, { existing: true });
      }),
    );
}

/**
 * A stored transcript, rendered now from its segments with the call's parties and the current
 * names of Gong users. A call not in the database is an error (exit 1, README.md "Errors and exit
 * codes").
 */
export async function renderTranscript(store: GongStore, callId: string, format: (typeof FORMATS)[number]): Promise<string> {
  const call = await store.getCall(callId);
  if (!call) throw new GongError(`call ${callId} is not in the database: run \`pandora-gong sync\`, or check the id`);
  const transcript = await store.getTranscript(callId);
  if (!transcript) {
    throw new GongError(`call ${callId} has no transcript yet: Gong has not produced one, and sync asks again on every run until it does or the call is 30 days old`);
  }
  const segments = JSON.parse(transcript.segments) as GongMonologue[];
  const parties = ((await store.partiesOfCalls([callId])).get(callId) ?? []).map(toGongParty);
  const users = await store.userNames(parties.flatMap((p) => (p.userId ? [p.userId] : [])));
  if (format !== 'json') {
    const header = format === 'markdown' ? `# ${call.title ?? callId}\n\n${call.started_at} · ${call.url ?? ''}\n\n` : '';
    return header + formatTranscript(segments, parties, users, { format });
  }
  const speakerOf = speakerResolver(parties, users);
  return JSON.stringify({
    callId,
    title: call.title,
    startedAt: call.started_at,
    url: call.url,
    monologues: segments.map((m) => {
      const speaker = speakerOf(m.speakerId);
      const start = m.sentences[0]?.start ?? 0;
      return {
        speakerId: m.speakerId,
        speaker: speaker.name,
        affiliation: speaker.resolved ? speaker.affiliation ?? 'Unknown' : null,
        topic: m.topic ?? null,
        offsetMs: start,
        stamp: formatTimestamp(start),
        sentences: m.sentences,
      };
    }),
  });
}
