import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, timeseries } from '../../src/platform/dashboard.js';

/**
 * The job programs written in this repository (graph-refresh, the investigator and those to come):
 * when each last succeeded, how long runs take, what they processed and the messages they sent. The
 * metric names are the ones the shared runtime pushes for every program (src/runtime/metrics/job-run.ts);
 * the reference's Python jobs did not have them.
 */
export function jobProgramsDashboard(): Dashboard {
  const job = 'job=~"$job"';
  return buildDashboard({
    uid: 'thoth-job-programs',
    title: 'Thoth job programs',
    description: 'Last success, run duration, items processed and messages sent by the job programs.',
    variables: [labelVariable('job', 'Job', 'label_values(thoth_job_last_success_timestamp_seconds, job)', { multi: true })],
    sections: [
      {
        title: 'Runs',
        panels: [
          timeseries('Time since last success', [{ expr: `time() - max by (job) (thoth_job_last_success_timestamp_seconds{${job}})`, legend: '{{job}}' }], {
            unit: 's',
          }),
          timeseries('Run duration', [{ expr: `max by (job) (thoth_job_duration_seconds{${job}})`, legend: '{{job}}' }], { unit: 's' }),
          // Each run replaces its pushed group, so a failure is a 0/1 gauge, not a counter.
          timeseries('Last run failed', [{ expr: `max by (job) (thoth_job_last_run_failed{${job}})`, legend: '{{job}}' }]),
        ],
      },
      {
        title: 'Work',
        panels: [
          timeseries('Items processed per run', [{ expr: `max by (job, kind) (thoth_job_items_processed{${job}})`, legend: '{{job}} {{kind}}' }]),
          timeseries('Messages sent per run', [{ expr: `max by (job, message_type) (thoth_job_messages_sent{${job}})`, legend: '{{job}} {{message_type}}' }]),
        ],
      },
    ],
  });
}
