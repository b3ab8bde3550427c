/** Validation methods of the API contract (see ./index.ts): findings, explanations of warnings, the rule catalogue. */
import type { Explanation, Finding, Severity } from '../findings';
import type { ProblemCount } from '../validation/problems';

export interface FindingsList {
  findings: Finding[];
  explanations: Explanation[];
  /** The problems left to fix, counted as the window counts them (validation/problems.ts). */
  problems: ProblemCount;
  /** The rule set the findings come from (rulesVersion: the pack's text-rule version and a digest of the rules). */
  rulesVersion: string;
}

/** A rule of a template's set, for the findings panel and the help (规则说明). */
export interface RuleInfo {
  id: string;
  /** Group of the consistency rules (1–17; 0 for other in-table sums). */
  group: number;
  severity: Severity;
  title: string;
  /** The cells it reads: table, rows ('*' every row, 'total', a row id, '记录' every record …), column. */
  reads: Array<{ table: string; rows: string; col: string }>;
}

export interface ValidationApi {
  /** The findings as kept live by the draft's engine, with the explanations written so far. */
  'findings/list': (args: { draftId: string }) => FindingsList;
  /** Check the whole draft from scratch (before submission and sign-off; the oracle of the live findings). */
  'findings/full': (args: { draftId: string }) => FindingsList;
  'findings/explanations': (args: { draftId: string }) => Explanation[];
  /**
   * Write the explanation (说明) of a warning; empty text removes it. Errors cannot be
   * explained (ApiError 'forbidden'), nor findings that no longer hold ('not-found').
   */
  'findings/explain': (args: { draftId: string; findingId: string; text: string }) => { explanation: Explanation | null; explanations: Explanation[] };
  'findings/rules': (args: { templateId: string }) => RuleInfo[];
}
