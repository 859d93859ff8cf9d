/**
 * ThothCronJobNotSucceeded: one rule per CronJob that is not suspended, firing when its last success
 * (kube-state-metrics) is older than twice its schedule's interval plus an hour. The interval comes
 * from the schedule itself.
 */
import { CronExpressionParser } from 'cron-parser';
import { matcher, type AlertDefinition } from './alerts.js';

const DAY = 86400;

/** The largest gap between consecutive values of a cyclic field, in its own unit. */
function largestGap(values: readonly number[], cycle: number): number {
  const sorted = [...new Set(values.map((value) => value % cycle))].sort((a, b) => a - b);
  return Math.max(...sorted.map((value, index) => (sorted[index + 1] ?? sorted[0]! + cycle) - value));
}

/**
 * The longest time between two runs of the schedule, in seconds (an upper bound for calendar
 * schedules: a month counts 31 days, a year 366). Read from the parsed fields, without iterating
 * over run times, so it is quick and the same whatever the clock says.
 */
export function scheduleIntervalSeconds(schedule: string): number {
  const { minute, hour, dayOfMonth, month, dayOfWeek } = CronExpressionParser.parse(schedule).fields;
  if (month.values.length < 12) return 366 * DAY;
  if (!dayOfMonth.isWildcard) return 31 * DAY;
  if (!dayOfWeek.isWildcard) return largestGap(dayOfWeek.values as number[], 7) * DAY;
  if (hour.values.length < 24) return largestGap(hour.values as number[], 24) * 3600;
  return largestGap(minute.values as number[], 60) * 60;
}

export function cronJobAlert(job: { name: string; namespace: string; schedule: string }): AlertDefinition {
  const allowed = 2 * scheduleIntervalSeconds(job.schedule) + 3600;
  return {
    alert: 'ThothCronJobNotSucceeded',
    severity: 'warning',
    for: '10m',
    threshold: allowed,
    // kube-state-metrics has no last-success series before the first success: then the CronJob's
    // creation time stands in, so a CronJob that never succeeds alerts too.
    expr: (threshold) => {
      const selector = `${matcher('namespace', job.namespace)}, ${matcher('cronjob', job.name)}`;
      const lastSuccess = `max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{${selector}})`;
      const created = `max by (namespace, cronjob) (kube_cronjob_created{${selector}})`;
      return `(time() - ${lastSuccess} > ${threshold}) or (time() - ${created} > ${threshold} unless on(namespace, cronjob) ${lastSuccess})`;
    },
    summary: `CronJob ${job.name} has not succeeded in time`,
    description: `${job.name} (schedule "${job.schedule}") has not succeeded for more than two intervals: look at its last Jobs.`,
    // A success one minute more than the allowed time ago: the threshold itself is exercised.
    test: (threshold) => ({
      series: [{ series: `kube_cronjob_status_last_successful_time{namespace="${job.namespace}", cronjob="${job.name}"}`, values: `${-(threshold + 60)}x60` }],
      labels: { namespace: job.namespace, cronjob: job.name },
    }),
  };
}
