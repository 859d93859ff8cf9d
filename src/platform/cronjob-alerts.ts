/**
 * ThothCronJobNotSucceeded: one rule per CronJob that is not suspended, firing when its last success
 * (kube-state-metrics) is older than twice its schedule's interval plus an hour. The interval comes
 * from the schedule itself, measured from a fixed date so the output never depends on the clock.
 */
import { CronExpressionParser } from 'cron-parser';
import { matcher, type AlertDefinition } from './alerts.js';

const REFERENCE_DATE = new Date('2025-01-06T00:00:00Z');

/** Seconds between two runs of the schedule (the longest gap over its next runs). */
export function scheduleIntervalSeconds(schedule: string): number {
  const expression = CronExpressionParser.parse(schedule, { currentDate: REFERENCE_DATE, tz: 'Etc/UTC' });
  const runs = Array.from({ length: 13 }, () => expression.next().getTime());
  const gaps = runs.slice(1).map((time, index) => (time - runs[index]!) / 1000);
  return Math.max(...gaps);
}

export function cronJobAlert(job: { name: string; namespace: string; schedule: string }): AlertDefinition {
  const allowed = 2 * scheduleIntervalSeconds(job.schedule) + 3600;
  return {
    alert: 'ThothCronJobNotSucceeded',
    severity: 'warning',
    for: '10m',
    threshold: allowed,
    expr: (threshold) =>
      `time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{${matcher('namespace', job.namespace)}, ${matcher('cronjob', job.name)}}) > ${threshold}`,
    summary: `CronJob ${job.name} has not succeeded in time`,
    description: `${job.name} (schedule "${job.schedule}") has not succeeded for more than two intervals: look at its last Jobs.`,
    test: {
      series: [{ series: `kube_cronjob_status_last_successful_time{namespace="${job.namespace}", cronjob="${job.name}"}`, values: '-1e10x60' }],
      labels: { namespace: job.namespace, cronjob: job.name },
    },
  };
}
