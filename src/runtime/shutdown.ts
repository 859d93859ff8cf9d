/**
 * Graceful shutdown: the first SIGTERM or SIGINT aborts the signal, so the program stops
 * at its next safe point (a job between steps, a consumer after the record in hand) and exits
 * within the pod's grace period; a second one exits at once.
 */
export interface Shutdown {
  readonly signal: AbortSignal;
  /** Stops listening (the run is over). */
  readonly dispose: () => void;
}

export function listenForShutdown(onSignal: (name: NodeJS.Signals) => void = () => {}): Shutdown {
  const controller = new AbortController();
  const handle = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(128 + (name === 'SIGINT' ? 2 : 15));
    onSignal(name);
    controller.abort(new ShutdownRequested(name));
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
  return {
    signal: controller.signal,
    dispose: () => {
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
