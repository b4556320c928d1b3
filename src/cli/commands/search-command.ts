import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { formatSearchHits } from '../../search/format-search-hits.js';
import { searchAccountFilter } from '../../search/search-account.js';
import { searchAllTranscripts } from '../../search/search-all-transcripts.js';
import type { SearchHit } from '../../search/search-hit.js';
import { parseSearchQuery } from '../../search/query-parser.js';
import { rankedHits } from '../../search/search-transcripts.js';
import { SEARCH_AFFILIATIONS, type SearchAffiliation, type SearchOptions } from '../../search/search-options.js';
import { choiceOption, dateOption, positiveIntOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { withStore } from '../open-cli-store.js';
import { streamWriter } from '../stream-writer.js';

interface SearchFlags {
  since?: string;
  until?: string;
  speaker?: string;
  affiliation?: string;
  account?: string;
  tracker?: string;
  call?: string;
  limit?: string;
  all?: boolean;
  perCall?: boolean;
  json?: boolean;
  db?: string;
}

const BOLD = { open: '\u001b[1m', close: '\u001b[22m' };

/**
 * `pandora-gong search QUERY [filters] [--limit N | --all] [--per-call] [--json]` (README.md, "CLI";
 * docs/search.md). Hits are printed as they are read, waiting for the reader, so `--all` and a
 * large `--limit` keep memory flat. An `--account` that names no account exits 1, as `calls` does.
 * The filters have no environment variables on purpose: a `PANDORA_GONG_SINCE` meant for
 * `sync` must not silently narrow every search.
 */
export function registerSearchCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('search')
    .description('full-text search over transcripts: call, date, speaker, time offset, snippet, link')
    .argument('<query...>', 'words, "exact phrases", OR, prefix*, NOT or -word, (groups); quote it for the shell: \'"SOC 2" -pricing\'')
    .option('--since <date>', 'calls that started at or after this date (ISO-8601 or 30d / 12h)')
    .option('--until <date>', 'calls that started before this date')
    .option('--speaker <name>', 'sentences said by a speaker whose name contains this (any case)')
    .option('--affiliation <side>', 'the speaker\'s side: external, internal or unknown')
    .option('--account <name>', 'calls linked to a CRM account whose name contains this (any case)')
    .option('--tracker <name>', 'calls where the Gong tracker of this name fired (any case)')
    .option('--call <id>', 'only this call')
    .option('--limit <n>', 'most hits to show, most relevant first (default 20, no upper bound)')
    .option('--all', 'every hit, newest call first, a call\'s hits in transcript order (streamed; not with --limit)')
    .option('--per-call', 'one hit per call: its best sentence (with --limit N, the N best calls)')
    .option('--json', 'a JSON array of hits {callId, title, startedAt, speaker, affiliation, offsetMs, snippet, url, …} on stdout')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB)')
    // `-discount` (NOT discount) must reach the query rather than be refused as an option.
    .allowUnknownOption()
    .action((words: string[], flags: SearchFlags) =>
      run(async () => {
        const misspelled = words.find((w) => /^--[^\s-]/u.test(w));
        if (misspelled) throw new ConfigError(`unknown option ${misspelled} (to search for it, put the whole query in quotes)`);
        const now = Date.now();
        const since = dateOption('--since', flags.since, now);
        const until = dateOption('--until', flags.until, now);
        if (since !== undefined && until !== undefined && since >= until) throw new ConfigError('--since must be before --until');
        const affiliation = choiceOption('--affiliation', flags.affiliation?.toLowerCase(), SEARCH_AFFILIATIONS) as SearchAffiliation | undefined;
        const limit = positiveIntOption('--limit', flags.limit);
        if (flags.all && limit !== undefined) throw new ConfigError('give either --limit N or --all, not both');
        const highlight = !flags.json && Boolean((cli.stdout as { isTTY?: boolean }).isTTY) && !cli.env().NO_COLOR;
        return withStore(flags.db, cli, async (store) => {
          const query = words.join(' ');
          parseSearchQuery(query); // bad syntax is exit 2 before an unknown account is exit 1
          const options: SearchOptions = {
            since,
            until,
            speaker: flags.speaker,
            affiliation,
            ...(flags.account !== undefined ? await searchAccountFilter(store, flags.account) : {}),
            tracker: flags.tracker,
            callId: flags.call,
            limit,
            perCall: flags.perCall === true,
            ...(highlight ? { markers: BOLD } : {}),
          };
          const hits = flags.all ? searchAllTranscripts(store, query, options) : rankedHits(store, query, options);
          await writeHits(cli, hits, flags.json === true);
          return EXIT.ok;
        }, { existing: true });
      }),
    );
}

/**
 * Hits on stdout as they come, byte for byte what `formatSearchHits` (text) or `JSON.stringify`
 * of the whole array (`--json`) would print, without holding them all.
 */
async function writeHits(cli: CliRuntime, hits: AsyncIterable<SearchHit>, json: boolean): Promise<void> {
  const out = streamWriter(cli.stdout);
  let count = 0;
  for await (const hit of hits) {
    if (out.closed) return;
    const text = json ? JSON.stringify(hit) : formatSearchHits([hit]);
    await out.write(count === 0 ? (json ? `[${text}` : text) : `${json ? ',' : '\n'}${text}`);
    count++;
  }
  if (json) await out.write(count === 0 ? '[]\n' : ']\n');
  else if (count === 0) await out.write(formatSearchHits([]));
}
