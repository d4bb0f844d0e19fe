/** SQLite has no boolean type: 0 or 1. */
export type SqliteBool = 0 | 1;

/** Timestamps are ISO-8601 strings in UTC (they sort and compare as text). */
export type IsoTimestamp = string;
