/**
 * Characters that change how a name is compared but not how it looks: Unicode's default
 * ignorable code points (zero-width spaces and joiners, bidirectional controls and marks, the
 * soft hyphen, the BOM, variation selectors, fillers).
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * A person's name as accounts and signatures compare it: NFKC (full-width and compatibility
 * forms folded), invisible characters removed, runs of spaces made one. Two names that look
 * the same are the same name, so a key pinned to one holds for the other.
 */
export function normalizePersonName(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}
