// What every finding builder needs from the scan: the text, the clock, and the file's context.
export interface FindingContext {
  readonly text: string;
  readonly nowMs: number;
  readonly fileName?: string;
  readonly languageId?: string;
}
