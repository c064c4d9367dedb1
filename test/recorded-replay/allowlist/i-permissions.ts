import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of i-permissions the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 80, reason: "transactions (issue 13, g-transactions owner): not implemented by the local server on this branch" },
  { seq: 81, reason: "transactions (issue 13, g-transactions owner): not implemented by the local server on this branch" },
  { seq: 82, reason: "transactions (issue 13, g-transactions owner): not implemented by the local server on this branch" },
  { seq: 83, reason: "transactions (issue 13, g-transactions owner): not implemented by the local server on this branch" },
  { seq: 84, reason: "transactions (issue 13, g-transactions owner): not implemented by the local server on this branch" },
  { seq: 85, reason: "follows from seq 84: the staged row atx1 exists only once transactions commit" },
  { seq: 97, reason: "follows from seq 84: row atx1 committed by a transaction" },
];
