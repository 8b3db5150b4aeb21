/**
 * The hand-off contract's version (schema.ts). A module of its own: the responder stamps it on
 * every hand-off and needs no schema to do so, so its cold start does not build one.
 */
export const HANDOFF_SCHEMA_VERSION = 1;
