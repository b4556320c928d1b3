import type { Migration } from './column-types.js';
import { initial } from './001-initial.js';
import { crm } from './002-crm.js';
import { search } from './003-search.js';
import { connections } from './004-connections.js';
import { callIntelligence } from './005-call-intelligence.js';
import { erasures } from './006-erasures.js';
import { mcpIndexes } from './007-mcp-indexes.js';
import { searchSpeakerSides } from './008-search-speaker-sides.js';
import { searchInlineFunctions } from './009-search-inline-functions.js';

/**
 * Every migration, oldest first. Append only: a released migration is never edited, and a
 * renamed column gets a new migration and a note in README.md ("Storage and schema"), where
 * users read the schema.
 */
export const MIGRATIONS: readonly Migration[] = [initial, crm, search, connections, callIntelligence, erasures, mcpIndexes, searchSpeakerSides, searchInlineFunctions];

export type { Migration, Engine, ColumnTypes } from './column-types.js';
export { COLUMN_TYPES } from './column-types.js';
