/**
 * Codes printed over three columns, 类 "201" | 款 "03" | 项 "06" (上海's layout), where a line
 * shows only its own parts and takes the others from the lines above it (a 款 line under its
 * 类 line), or repeats them all (205 | 02 | 05); a part may also hold the whole code so far
 * ("20103" in the 款 column). A part that lost its leading zero ("2" for 款 02, a number typed
 * into a cell formatted as number) is reported, never padded: "2" might as well be "20".
 */
export type SplitCode = { code: string } | { error: string };

export class SplitCodeReader {
  private lastClass = '';
  private lastSection = '';
  private readonly widths: number[];

  /** @param levels the code lengths of the table (e.g. [3, 5, 7], or [3, 5] for 类 | 款) */
  constructor(private readonly levels: number[]) {
    this.widths = levels.map((len, i) => len - (levels[i - 1] ?? 0));
  }

  /** The whole code of a line from its parts, '' when it has none or they do not make one (see parse). */
  read(cls: string, sec: string, item: string): string {
    const r = this.parse(cls, sec, item);
    return 'code' in r ? r.code : '';
  }

  /** The whole code of a line from its parts (normalised digits, '' when blank), or what is wrong with them. */
  parse(cls: string, sec: string, item: string): SplitCode {
    const [wClass, wSection = 0, wItem = 0] = this.widths;
    const [lClass, lSection = 0] = this.levels;
    const bad = (label: string, part: string, width: number) => ({
      error: `${label}“${part}”应为 ${width} 位（如“${part.padStart(width, '0')}”），可能丢了开头的 0，请在工作簿中改为文本后重新导入`,
    });
    if (cls) {
      if (cls.length !== wClass && cls.length !== lClass && !this.levels.includes(cls.length)) return bad('类', cls, wClass);
      this.lastClass = cls.slice(0, lClass);
      if (!sec) this.lastSection = '';
    }
    if (sec) {
      if (sec.length === lSection && sec.startsWith(this.lastClass || sec.slice(0, lClass))) {
        this.lastClass ||= sec.slice(0, lClass);
        this.lastSection = sec.slice(lClass);
      } else if (sec.length === wSection) this.lastSection = sec;
      else return bad('款', sec, wSection);
    }
    if (item) {
      const whole = this.levels[2];
      if (whole && item.length === whole) return { code: item };
      if (item.length !== wItem) return bad('项', item, wItem);
      if (!this.lastClass || !this.lastSection) return { error: `项“${item}”前没有所属的类、款` };
      return { code: this.lastClass + this.lastSection + item };
    }
    if (sec) {
      if (!this.lastClass) return { error: `款“${sec}”前没有所属的类` };
      return { code: this.lastClass + this.lastSection };
    }
    return { code: cls };
  }
}
