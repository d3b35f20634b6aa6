/**
 * Administrative levels the catalog publishes (centers, stations, and the lowest level an item may be handled at).
 * Part of catalog's contract (issue 22): the values its events carry; catalog's domain re-exports them.
 */

/** Administrative levels (GLOSSARY.md): centers exist at the first four; stations serve communities and villages. */
export const LEVELS = ["city", "district", "subdistrict", "township", "community"] as const;
export type Level = (typeof LEVELS)[number];

export const CENTER_LEVELS = ["city", "district", "subdistrict", "township"] as const;
export type CenterLevel = (typeof CENTER_LEVELS)[number];
