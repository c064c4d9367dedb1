import type { AllowedDifference } from '../allowlist.js';
import type { Scenario } from '../recordings.js';
import { allowlist as aTables } from './a-tables.js';
import { allowlist as bColumns } from './b-columns.js';
import { allowlist as cIndexes } from './c-indexes.js';
import { allowlist as dRows } from './d-rows.js';
import { allowlist as eQueries } from './e-queries.js';
import { allowlist as fBulk } from './f-bulk.js';
import { allowlist as gTransactions } from './g-transactions.js';
import { allowlist as hRelationships } from './h-relationships.js';
import { allowlist as iPermissions } from './i-permissions.js';

/** One allowlist per scenario, so that each scenario's owner edits only its own file. */
export const ALLOWLISTS: Readonly<Record<Scenario, readonly AllowedDifference[]>> = {
  'a-tables': aTables,
  'b-columns': bColumns,
  'c-indexes': cIndexes,
  'd-rows': dRows,
  'e-queries': eQueries,
  'f-bulk': fBulk,
  'g-transactions': gTransactions,
  'h-relationships': hRelationships,
  'i-permissions': iPermissions,
};
