/**
 * The constraint failures as both dialects word them (SQLite: "CHECK constraint failed"; PostgreSQL: "violates check
 * constraint"), so one assertion serves both.
 */
export const CHECK_FAILED = /check constraint/iu;
export const UNIQUE_FAILED = /unique constraint/iu;
export const FOREIGN_KEY_FAILED = /foreign key constraint/iu;
