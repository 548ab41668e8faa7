/**
 * What matching needs from the world: the records store alone. Applications, reviews,
 * constraints and matches are read from it and proposals and matches written to it, one commit
 * each; the settings, the application forms' areas and the clock come in each service's options.
 */
export type { RecordsStore } from '../records/ports.ts';
