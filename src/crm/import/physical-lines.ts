/**
 * Counts physical lines over text that arrives in pieces: `\r\n`, `\n` and a lone `\r` each end
 * a line, also when a chunk boundary falls between the `\r` and the `\n`.
 */
export class PhysicalLines {
  /** The line the next character is on (1-based). */
  line: number;
  private afterCr = false;

  constructor(firstLine = 1) {
    this.line = firstLine;
  }

  /** Moves past `text`. */
  advance(text: string): void {
    for (let i = 0; i < text.length; i++) this.step(text.charCodeAt(i));
  }

  /** Moves past one character (a UTF-16 code unit). */
  step(code: number): void {
    if (code === 0x0a) {
      if (!this.afterCr) this.line++;
      this.afterCr = false;
    } else if (code === 0x0d) {
      this.line++;
      this.afterCr = true;
    } else this.afterCr = false;
  }
}
