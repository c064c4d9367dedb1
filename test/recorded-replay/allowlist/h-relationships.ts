import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of h-relationships the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [];
