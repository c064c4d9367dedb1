import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of d-rows the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [];
