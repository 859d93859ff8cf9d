/**
 * Graceful shutdown: the first SIGTERM or SIGINT aborts the signal, so the program stops
 * at its next safe point (a job between steps, a consumer after the record in hand) and exits
 * within the pod's grace period; a second one exits at once.
 */
export interface Shutdown {
  readonly signal: AbortSignal;
  /**
   * The longest the program's stop may take from the signal (what the pod's grace period is made
   * from): past it, `onOverrun` says so and the process exits 1, so a stop that hangs ends with a
   * log line, before the kubelet's SIGKILL, and never as a process that lives on after its stop.
   */
  readonly boundStop: (ms: number, onOverrun: () => void) => void;
  /** Stops listening (the run is over). */
  readonly dispose: () => void;
}

export function listenForShutdown(onSignal: (name: NodeJS.Signals) => void = () => {}): Shutdown {
  const controller = new AbortController();
  let signalledAt: number | undefined;
  let bound: { readonly ms: number; readonly onOverrun: () => void } | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const arm = () => {
    if (bound === undefined || signalledAt === undefined || deadline !== undefined) return;
    const { ms, onOverrun } = bound;
    deadline = setTimeout(
      () => {
        onOverrun();
        process.exit(1);
      },
      Math.max(0, signalledAt + ms - Date.now()),
    );
    // The deadline only watches: it must not be what keeps a stopped process alive.
    deadline.unref();
  };
  const handle = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(128 + (name === 'SIGINT' ? 2 : 15));
    signalledAt = Date.now();
    onSignal(name);
    arm();
    controller.abort(new ShutdownRequested(name));
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
  return {
    signal: controller.signal,
    boundStop: (ms, onOverrun) => {
      bound = { ms, onOverrun };
      arm();
    },
    dispose: () => {
      clearTimeout(deadline);
      process.off('SIGTERM', handle);
      process.off('SIGINT', handle);
    },
  };
}

export class ShutdownRequested extends Error {
  constructor(readonly signalName: NodeJS.Signals) {
    super(`stopped by ${signalName}`);
    this.name = 'ShutdownRequested';
  }
}
