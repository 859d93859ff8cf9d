import { Counter, Registry } from 'prom-client';
import { startStatusServer } from '../../src/runtime/http/status-server.js';

test('/metrics, /_health once ready, 404 and 405 otherwise', async () => {
  const registry = new Registry();
  new Counter({ name: 'thoth_test_total', help: 'a test counter', registers: [registry] }).inc(3);
  const server = await startStatusServer(0, registry, '1.2.3');
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const notReady = await fetch(`${base}/_health`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not ready', version: '1.2.3' });
    server.ready(true);
    const ready = await fetch(`${base}/_health`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', version: '1.2.3' });

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('thoth_test_total 3');
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  } finally {
    await server.close();
  }
});
