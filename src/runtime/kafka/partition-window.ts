/**
 * Records of one partition handled several at a time: up to `limit` in flight, records of one key
 * one after the other in their order (a record waits for the one before it of its key, and is not
 * handled at all when that one failed), keyless records all of one chain as before. The offset to
 * commit is that of the highest record such that it and every record before it are handled.
 */
export class PartitionWindow {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly chains = new Map<string, Promise<boolean>>();
  /** Offsets started, oldest first, until they and all before them are done. */
  private readonly pending: { readonly offset: string; done: boolean }[] = [];

  constructor(private readonly limit: number) {}

  /** Resolves when another record may start. */
  async room(): Promise<void> {
    if (this.inFlight < this.limit) {
      this.inFlight += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /**
   * Starts `handle` once the record before it of `key` has succeeded (`room` first). Resolves true
   * when it succeeded, false when it failed or was not run; `onDone` gets the offset now safe to
   * commit past, if the record completed a run of handled records.
   */
  start(
    key: string,
    offset: string,
    handle: () => Promise<unknown>,
    onDone: (upTo: string | undefined) => void,
    onError: (error: unknown) => void,
  ): Promise<boolean> {
    const entry = { offset, done: false };
    this.pending.push(entry);
    const before = this.chains.get(key) ?? Promise.resolve(true);
    const settled = before
      .then(async (previousSucceeded) => {
        if (!previousSucceeded) return false;
        try {
          await handle();
        } catch (error) {
          onError(error);
          return false;
        }
        entry.done = true;
        onDone(this.advance());
        return true;
      })
      .finally(() => this.release());
    this.chains.set(key, settled);
    return settled;
  }

  /** Gives back the room `room` took for a record that is not started after all. */
  abandon(): void {
    this.release();
  }

  /** Every record started so far, settled. */
  async drained(): Promise<void> {
    await Promise.all(this.chains.values());
  }

  private advance(): string | undefined {
    let upTo: string | undefined;
    while (this.pending[0]?.done === true) upTo = this.pending.shift()!.offset;
    return upTo;
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.inFlight -= 1;
  }
}
