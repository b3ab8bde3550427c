/**
 * Text as the checks read it: full-width punctuation and digits folded to ASCII, quotes and
 * spaces dropped ("“三公”经费 1.00 万元" → "三公经费1.00万元"), so that labels and figures are
 * found however the clerk typed them. Chinese punctuation that carries meaning for the
 * checks (、 。) is kept.
 */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '“' || ch === '”' || ch === '"' || ch === '‘' || ch === '’' || ch === "'" || ch === '「' || ch === '」') continue;
    if (/\s/.test(ch) || ch === '\u3000') {
      if (ch === '\n') out += '\n';
      continue;
    }
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else out += ch;
  }
  return out;
}

/** Sentence ends: 。；！？ and line breaks. */
export const SENTENCE_END = /[。;!?\n]/;
/** Clause ends: sentence ends plus commas and colons. */
export const CLAUSE_END = /[。;!?\n,:]/;
