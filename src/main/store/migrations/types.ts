/**
 * A numbered schema change. Versions are global across domains and applied in order:
 * 1–19 the draft store, 20–29 validation (explanations), 30–39 Excel import (prior-year
 * figures), 40–49 projects and text, 50–59 review and sign-off, 60–69 a department's units.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
