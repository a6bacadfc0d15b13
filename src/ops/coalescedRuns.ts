/**
 * One run at a time of a task that redoes everything it needs (a re-render after an edit): a request
 * while a run is going makes exactly one more run after it, however many requests came, because
 * edits come in bursts and only the last state of the files matters.
 */
export class CoalescedRuns<T> {
  private running: Promise<T> | null = null;
  private again = false;

  constructor(private readonly task: () => Promise<T>) {}

  /** Runs now, or once more after the run in progress (whose result this returns). */
  request(): Promise<T> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.task().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.request().catch(() => undefined);
      }
    });
    return this.running;
  }

  /** Resolves when no run is going or queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }
}
