/**
 * A recorded exchange the local server may answer differently, and why ("not yet implemented: ...", or the
 * Appwrite source line where 1.9.0, recorded, and the 1.9.x branch, followed, differ). Matched by `seq`, or
 * by `step` for every exchange of that step.
 */
export type AllowedDifference = { readonly seq: number; readonly reason: string } | { readonly step: string; readonly reason: string };
