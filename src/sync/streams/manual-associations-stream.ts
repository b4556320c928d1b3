/**
 * Manual CRM associations (docs/gong-api.md §3.5): the accounts and deals reps attached to a
 * call by hand, the strongest evidence a call has. Incremental by `fromDateTime` with the
 * lookback; a call re-associated later appears once per event, and the newest event of a call
 * replaces its rows. The rows mirror Gong's events, also for calls the store does not hold
 * (private ones, calls older than the synced history): linking only ever links stored calls.
 */
import type { GongManualCrmAssociation } from '../../gong/types.js';
import { manualAssociationRows } from '../../store/mappers/manual-association-rows.js';
import { gongManualCrmAssociations } from '../../store/schema/index.js';
import { parseInstant } from '../../util/time.js';
import type { StreamDefinition } from '../engine/stream-definition.js';
import { pagesOf } from './pages-of.js';
import { checkManualAssociation } from '../../gong/checks/record-shapes.js';

export const manualAssociationsStream: StreamDefinition<GongManualCrmAssociation> = {
  name: 'manual-associations',
  description: 'Accounts and deals reps associated with calls by hand: incremental by creation time; the newest association of a call wins.',
  tables: [gongManualCrmAssociations],
  scopes: ['api:crm-calls:manual-association:read'],
  source: {
    replication: 'windows',
    granularity: 'instant',
    // The endpoint takes a start only: what comes after the window's end is read now, and again
    // by the next run's lookback.
    read: (ctx, window) => pagesOf(ctx.client.manualCrmAssociations({ from: window.from, signal: ctx.signal })),
    positionOf: (association) => parseInstant(String(association.created)),
    lookbackMs: (ctx) => ctx.options.lookbackMs,
  },
  newestWins: { group: 'call_id', version: 'created_at' },
  check: checkManualAssociation,
  toRows: (association) => ({ gong_manual_crm_associations: manualAssociationRows(association) }),
};
