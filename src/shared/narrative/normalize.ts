/**
 * Text as the checks read it: full-width punctuation and digits folded to ASCII, quotes and
 * spaces dropped ("“三公”经费 1.00 万元" → "三公经费1.00万元"), so that labels and figures are
 * found however the clerk typed them. Chinese punctuation that carries meaning for the
 * checks (、 。) is kept.
 */
export function foldText(text: string): string {
  return text.replace(DROPPED, '').replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Quotes, and white space other than line breaks (the ideographic space too). */
const DROPPED = /[“”"‘’'「」]|[^\S\n]/g;
const FULL_WIDTH = /[\uff01-\uff5e]/g;

/** Sentence ends: 。；！？ and line breaks. */
export const SENTENCE_END = /[。;!?\n]/;
/** Full stops: sentence ends but the ；that parts the items of a list. */
export const FULL_STOP = /[。!?\n]/;
/** Clause ends: sentence ends plus commas and colons. */
export const CLAUSE_END = /[。;!?\n,:]/;

/** Text to match as it is inside a regular expression ("台(套)"). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
