import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of c-indexes the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [];
