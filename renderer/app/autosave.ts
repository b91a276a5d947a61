/**
 * Autosave: a value saved shortly after each change, one save at a time,
 * the latest value always the one saved last. Pure of React and the DOM, so
 * it is tested with fake timers; useAutosave (useAutosave.ts) binds it to a
 * component and to the page's lifecycle.
 */
export type AutosaveState = { readonly status: "idle" | "pending" | "saving" | "saved" | "failed"; readonly savedAt?: string; readonly error?: string };

export type Saver<T> = (value: T) => Promise<{ ok: true; savedAt: string } | { ok: false; error: string }>;

export class Autosaver<T> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private next: { value: T } | undefined;
  private running: Promise<void> | undefined;
  private state: AutosaveState = { status: "idle" };

  constructor(
    private readonly save: Saver<T>,
    private readonly onState: (state: AutosaveState) => void,
    private readonly delayMs: number,
  ) {}

  /** Whether a change is not saved yet (waiting, or being written). */
  get dirty(): boolean {
    return this.next !== undefined || this.running !== undefined;
  }

  /** A new value: saved `delayMs` after the last change. */
  change(value: T): void {
    this.next = { value };
    this.set({ ...this.state, status: "pending" });
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves what is waiting now, and resolves once everything changed so far is saved (or failed). */
  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running || this.next) {
      if (this.running) {
        await this.running;
        continue;
      }
      const { value } = this.next as { value: T };
      this.next = undefined;
      this.running = this.write(value);
      await this.running;
      this.running = undefined;
      if (this.state.status === "failed") return;
    }
  }

  /** Stops waiting; what was not saved stays unsaved. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async write(value: T): Promise<void> {
    this.set({ ...this.state, status: "saving" });
    const result = await this.save(value).catch((e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }));
    if (result.ok) this.set({ status: this.next ? "pending" : "saved", savedAt: result.savedAt });
    else {
      // The value is kept for the next attempt (the next change, or a flush).
      this.next ??= { value };
      this.set({ status: "failed", error: result.error, ...(this.state.savedAt ? { savedAt: this.state.savedAt } : {}) });
    }
  }

  private set(state: AutosaveState): void {
    const same = state.status === this.state.status && state.savedAt === this.state.savedAt && state.error === this.state.error;
    this.state = state;
    // Unchanged (another keystroke while a save is pending): the screen need not render again.
    if (!same) this.onState(state);
  }
}
