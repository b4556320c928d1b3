import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { formatSearchHits } from '../../search/format-search-hits.js';
import { searchTranscripts } from '../../search/search-transcripts.js';
import { SEARCH_AFFILIATIONS, MAX_SEARCH_LIMIT, type SearchAffiliation } from '../../search/search-options.js';
import { choiceOption, dateOption, positiveIntOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { withStore } from '../open-cli-store.js';

interface SearchFlags {
  since?: string;
  until?: string;
  speaker?: string;
  affiliation?: string;
  account?: string;
  tracker?: string;
  call?: string;
  limit?: string;
  json?: boolean;
  db?: string;
}

const BOLD = { open: '\u001b[1m', close: '\u001b[22m' };

/**
 * `pandora-gong search QUERY [filters] [--limit N] [--json]` (README.md, "CLI"; docs/search.md).
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
    .option('--limit <n>', `most hits to show (default 20, at most ${MAX_SEARCH_LIMIT})`)
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
        if (limit !== undefined && limit > MAX_SEARCH_LIMIT) throw new ConfigError(`--limit ${limit} is more than ${MAX_SEARCH_LIMIT}`);
        const highlight = !flags.json && Boolean((cli.stdout as { isTTY?: boolean }).isTTY) && !cli.env().NO_COLOR;
        return withStore(flags.db, cli, async (store) => {
          const hits = await searchTranscripts(store, words.join(' '), {
            since,
            until,
            speaker: flags.speaker,
            affiliation,
            account: flags.account,
            tracker: flags.tracker,
            callId: flags.call,
            limit,
            ...(highlight ? { markers: BOLD } : {}),
          });
          cli.stdout.write(flags.json ? `${JSON.stringify(hits)}\n` : formatSearchHits(hits));
          return EXIT.ok;
        }, { existing: true });
      }),
    );
}
