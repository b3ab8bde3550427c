/**
 * Codes printed over three columns, 类 "201" | 款 "03" | 项 "06" (上海's layout), where a line
 * shows only its own parts and takes the others from the lines above it (a 款 line under its
 * 类 line); a part may also hold the whole code so far ("20103" in the 款 column).
 */
export class SplitCodeReader {
  private lastClass = '';
  private lastSection = '';

  /** @param levels the code lengths of the table (e.g. [3, 5, 7]) */
  constructor(private readonly levels: number[]) {}

  /** The whole code of a line from its parts (normalised digits, '' when blank); '' when it has none. */
  read(cls: string, sec: string, item: string): string {
    const levels = this.levels;
    if (cls) {
      this.lastClass = cls.slice(0, levels[0]);
      if (!sec) this.lastSection = '';
    }
    if (sec) this.lastSection = sec.length >= (levels[1] ?? 0) ? sec.slice(levels[0]) : sec;
    if (item) return this.lastClass + this.lastSection + (item.length > 2 ? item.slice(-2) : item);
    if (sec) return this.lastClass + this.lastSection;
    return cls;
  }
}
