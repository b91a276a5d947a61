/**
 * The idle lock: fires once when no activity was reported for `timeoutMs`.
 * Timers and the clock are injected so the behaviour is unit-tested; the
 * app passes the browser's.
 */
export type IdleLockOptions = {
  readonly timeoutMs: number;
  readonly onIdle: () => void;
  readonly now?: () => number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
};

export class IdleLock {
  readonly #options: Required<IdleLockOptions>;
  #lastActivity: number;
  #timer: unknown;
  #stopped = false;

  constructor(options: IdleLockOptions) {
    this.#options = {
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
    this.#lastActivity = this.#options.now();
    this.#arm(this.#options.timeoutMs);
  }

  /** Someone used the app: the idle period starts again. Cheap enough to call on every event. */
  activity(): void {
    this.#lastActivity = this.#options.now();
  }

  stop(): void {
    this.#stopped = true;
    this.#options.clearTimer(this.#timer);
  }

  // Re-arming on every event would churn timers; instead the timer checks, when it fires, how long it has really been.
  #arm(ms: number): void {
    this.#timer = this.#options.setTimer(() => this.#check(), ms);
  }

  #check(): void {
    if (this.#stopped) return;
    const idleFor = this.#options.now() - this.#lastActivity;
    if (idleFor >= this.#options.timeoutMs) {
      this.#stopped = true;
      this.#options.onIdle();
    } else {
      this.#arm(this.#options.timeoutMs - idleFor);
    }
  }
}

/** Dispatched on window while a long operation makes progress: someone waiting on an import is not idle. */
export const WORK_PROGRESS_EVENT = "attribution-panel:work-progress";

/** The events that count as someone using the app. */
export const ACTIVITY_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", WORK_PROGRESS_EVENT] as const;
