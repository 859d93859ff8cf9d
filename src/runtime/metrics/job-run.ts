/**
 * The metrics a job program pushes at the end of each run to the Pushgateway, grouped by job name
 * (the reference's grouping key). The "Thoth job programs" dashboard reads them. A run pushes with
 * POST, which replaces only the metrics it sends: a failed run leaves the last success time in place.
 */
import { Gauge, Pushgateway, Registry } from 'prom-client';
import { registerSchemaRevision } from './schema-revision.js';

export type Outcome = 'success' | 'failure';

export class JobRunMetrics {
  private readonly registry = new Registry();
  private readonly started: number;
  private readonly items: Gauge;
  private readonly messages: Gauge;

  constructor(
    readonly job: string,
    deploymentName: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
    this.registry.setDefaultLabels({ env: deploymentName });
    this.items = this.gauge('thoth_job_items_processed', 'Items this run processed, by kind.', ['kind']);
    this.messages = this.gauge('thoth_job_messages_sent', 'Messages this run sent and the broker acknowledged, by message type.', ['message_type']);
  }

  itemsProcessed(kind: string, count: number): void {
    this.items.inc({ kind }, count);
  }

  messagesSent(messageType: string, count: number): void {
    this.messages.inc({ message_type: messageType }, count);
  }

  /** Pushes to `gatewayUrl`; a failed push is the caller's to log, never a failed run. */
  async push(gatewayUrl: string, outcome: Outcome): Promise<void> {
    this.finish(outcome);
    await new Pushgateway(gatewayUrl, { timeout: 10_000 }, this.registry).pushAdd({ jobName: this.job });
  }

  private finish(outcome: Outcome): void {
    if (this.registry.getSingleMetric('thoth_job_duration_seconds') !== undefined) return;
    const now = this.clock();
    this.gauge('thoth_job_duration_seconds', 'How long the last run took.').set((now - this.started) / 1000);
    this.gauge('thoth_job_last_run_failed', '1 when the last run failed, else 0.').set(outcome === 'failure' ? 1 : 0);
    if (outcome === 'success') this.gauge('thoth_job_last_success_timestamp_seconds', 'When the last successful run ended.').set(now / 1000);
    registerSchemaRevision(this.registry, this.job);
  }

  private gauge(name: string, help: string, labelNames: string[] = []): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
