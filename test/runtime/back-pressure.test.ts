import { pino } from 'pino';
import { Gauge, Registry } from 'prom-client';
import { PendingWorkflowGate } from '../../src/runtime/kubernetes/back-pressure.js';

const log = pino({ level: 'silent' });
const context = () => ({ signal: new AbortController().signal, heartbeat: async () => {} });

test('without a limit nothing is listed', async () => {
  let lists = 0;
  const gate = new PendingWorkflowGate(
    {
      countPending: async () => {
        lists++;
        return 10_000;
      },
    },
    { limit: undefined, pollMs: 10 },
    log,
  );
  await gate.waitForRoom('middletier', context());
  expect(lists).toBe(0);
});

test('waits while the namespace is at its limit, resumes below it, and says so in a gauge', async () => {
  const counts = [3, 3, 2];
  const listed: string[] = [];
  const registry = new Registry();
  const waiting = new Gauge({ name: 'waiting', help: 'h', labelNames: ['namespace'], registers: [registry] });
  const gate = new PendingWorkflowGate(
    {
      countPending: async (namespace) => {
        listed.push(namespace);
        return counts.shift() ?? 0;
      },
    },
    { limit: 3, pollMs: 5 },
    log,
    waiting,
  );
  let heartbeats = 0;
  await gate.waitForRoom('middletier', { signal: new AbortController().signal, heartbeat: async () => void heartbeats++ });
  expect(listed).toEqual(['middletier', 'middletier', 'middletier']);
  expect(heartbeats).toBeGreaterThanOrEqual(2);
  expect(await registry.getSingleMetricAsString('waiting')).toContain('waiting{namespace="middletier"} 0');
});

test('between listings, submissions are counted so a burst stops at the limit', async () => {
  let now = 0;
  let lists = 0;
  const gate = new PendingWorkflowGate(
    {
      countPending: async () => {
        lists++;
        return 1;
      },
    },
    { limit: 3, pollMs: 100 },
    log,
    undefined,
    () => now,
  );
  await gate.waitForRoom('backend', context());
  gate.submitted('backend');
  await gate.waitForRoom('backend', context());
  gate.submitted('backend');
  expect(lists).toBe(1);
  // Now 3 known pending: the next one waits until a fresh listing shows room.
  const controller = new AbortController();
  const waiting = gate.waitForRoom('backend', { signal: controller.signal, heartbeat: async () => void (now += 100) });
  await expect(waiting).resolves.toBeUndefined();
  expect(lists).toBe(2);
});

test('a stop while waiting ends the wait', async () => {
  const controller = new AbortController();
  const gate = new PendingWorkflowGate({ countPending: async () => 100 }, { limit: 3, pollMs: 50 }, log);
  const waiting = gate.waitForRoom('middletier', { signal: controller.signal, heartbeat: async () => {} });
  setTimeout(() => controller.abort(new Error('stopped by SIGTERM')), 20);
  await expect(waiting).rejects.toThrow('stopped by SIGTERM');
});
