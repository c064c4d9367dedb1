import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of e-queries the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [];
