/**
 * Intake's published vocabulary for scanned materials (the file types a material may be scanned as).
 * Part of the contract (issue 22): the values its events carry, so a consumer imports them without the domain.
 */

/** The types a material may be scanned as, each recognised by its first bytes (its "magic number"). */
export const FILE_TYPES = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
} as const satisfies Record<string, readonly number[]>;
