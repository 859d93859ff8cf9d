import { jest } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenForShutdown, ShutdownRequested } from '../../src/runtime/shutdown.js';

let exit: ReturnType<typeof jest.spyOn>;
beforeEach(() => {
  exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
});
afterEach(() => exit.mockRestore());

test('SIGTERM aborts the signal with the reason; the stop bound is only watched after it', async () => {
  const overrun = jest.fn();
  const shutdown = listenForShutdown();
  shutdown.boundStop(30, overrun);
  await sleep(60);
  expect(overrun).not.toHaveBeenCalled();
  process.emit('SIGTERM', 'SIGTERM');
  expect(shutdown.signal.reason).toBeInstanceOf(ShutdownRequested);
  shutdown.dispose();
});

test('a stop that outlasts its bound says so and exits 1; one that ends in time does not', async () => {
  const overrun = jest.fn();
  const hanging = listenForShutdown();
  hanging.boundStop(40, overrun);
  process.emit('SIGTERM', 'SIGTERM');
  await sleep(100);
  expect(overrun).toHaveBeenCalledTimes(1);
  expect(exit).toHaveBeenCalledWith(1);
  hanging.dispose();

  exit.mockClear();
  const prompt = listenForShutdown();
  const inTime = jest.fn();
  prompt.boundStop(40, inTime);
  process.emit('SIGTERM', 'SIGTERM');
  // The run ended within its bound: the program disposes of its listener, and the deadline with it.
  prompt.dispose();
  await sleep(100);
  expect({ overrun: inTime.mock.calls.length, exits: exit.mock.calls.length }).toEqual({ overrun: 0, exits: 0 });
});

test('a bound declared after the signal counts from the signal', async () => {
  const overrun = jest.fn();
  const shutdown = listenForShutdown();
  process.emit('SIGTERM', 'SIGTERM');
  await sleep(60);
  shutdown.boundStop(50, overrun);
  // 60 ms have passed of the 50: the deadline is due at once.
  await sleep(20);
  expect(overrun).toHaveBeenCalledTimes(1);
  shutdown.dispose();
});
