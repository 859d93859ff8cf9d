/**
 * quay.io/thoth-station/slo-reporter: a batch job that queries Thanos/Prometheus for Thoth's service level
 * indicators over the last THOTH_INTERVAL_REPORT_NUMBER_DAYS days, stores them as CSV on Ceph, pushes
 * them to a Pushgateway (thoth_sli_weekly) and, on THOTH_SLO_REPORTER_DAY_SEND_EMAIL, mails an HTML
 * report through SMTP.
 *
 * Read at thoth-station/slo-reporter@v0.19.3. s2i build on quay.io/thoth-station/s2i-thoth-ubi8-py38
 * (v0.34.1); there is no app.sh, so the s2i `run` script runs `python app.py`. Pinned libraries
 * (Pipfile.lock): thoth-storages 0.73.0 and thoth-common 0.36.4 (the same environment reads as the
 * versions the fragments were read at; the Ceph fragment's line numbers are those of storages 0.74.1),
 * prometheus-api-client 0.5.1, prometheus-client 0.14.1.
 *
 * The program dispatches on DRY_RUN: unless it is a non-zero integer, Configuration() reads its
 * Prometheus instances, namespaces, SMTP settings, Thanos and Ceph settings with os.environ[...] (a
 * missing one stops the run with KeyError, whether or not e-mail is sent) and connects to Ceph. It never
 * calls thoth-common's init_logging (logging.basicConfig), so THOTH_LOG_*, THOTH_LOGGING_NO_JSON and
 * SENTRY_DSN have no effect. It uses no Kubernetes API. Every Prometheus query selects series by a
 * `field="<instance>"` label, which the Prometheus configuration must attach to the scraped series.
 */
import { defineContract, integer, oneOf, pattern, pythonIntFlag, text, url } from '../../../src/contracts/model.js';
import { s2iPythonRun } from '../libraries/s2i-python.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_IMPORT } from '../libraries/thoth-storages.js';

const TAG = 'v0.19.3';
const at = (path: string, line: number): string => `thoth-station/slo-reporter@${TAG}:${path}#L${line}`;
const CONFIGURATION = 'thoth/slo_reporter/configuration.py';
const FIELD_INSTANCE =
  "Value of the `field` label that selects this component's series in the Thanos queries; os.environ[...] in Configuration() unless DRY_RUN is on.";

export const SLO_REPORTER_CONTRACT = defineContract({
  repository: 'thoth-station/slo-reporter',
  tags: [TAG],
  source: `thoth-station/slo-reporter@${TAG}`,
  summary:
    'Thoth SLO reporter (daily batch): queries Thanos for service level indicators, stores them as CSV on Ceph, pushes them to a Pushgateway and mails an HTML report on one weekday.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: at('app.py', 462),
  },
  variables: {
    ...THOTH_STORAGES_IMPORT,
    ...s2iPythonRun({ file: ['app.py', '/opt/app-root/src/app.py'] }),
    DEBUG_LEVEL: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: DEBUG logging (logging.basicConfig); bool(int()) at import.',
      source: at('app.py', 63),
    },
    THOTH_INTERVAL_REPORT_NUMBER_DAYS: {
      form: integer({ min: 1 }),
      default: '1',
      description: 'Length in days of the window each report covers (ending now); int() at import.',
      source: at('app.py', 51),
    },
    THOTH_EVALUATION_METRICS_NUMBER_DAYS: {
      form: integer({ min: 0 }),
      default: '1',
      description:
        'Number of reports, one per day going back from today; int() at import. More than 1 while THOTH_SLO_REPORTER_SEND_EMAIL is on stops the run (exception), 0 does nothing.',
      source: at('app.py', 54),
    },
    THOTH_SLO_REPORTER_STORE_HTML: {
      form: pythonIntFlag(),
      default: '0',
      description:
        'Non-zero integer: write the HTML report to thoth/slo_reporter/SLO-reporter.html under the working directory (/opt/app-root/src), which fails on a read-only root file system. Keep 0.',
      source: at('app.py', 57),
    },
    THOTH_SLO_REPORTER_STORE_ON_CEPH: {
      form: pythonIntFlag(),
      default: '1',
      description: 'Non-zero integer: store the SLI tables as CSV on Ceph; bool(int()) at import.',
      source: at('app.py', 59),
    },
    THOTH_SLO_REPORTER_SEND_EMAIL: {
      form: pythonIntFlag(),
      default: '1',
      description:
        'Non-zero integer (the default): mail the report through SMTP_SERVER when today is THOTH_SLO_REPORTER_DAY_SEND_EMAIL; bool(int()) at import.',
      source: at('app.py', 61),
    },
    GRAFANA_DASHBOARD_BASE_URL: {
      form: url('http', 'https'),
      default: 'https://grafana.operate-first.cloud/',
      description: 'Base of the Grafana links in the report.',
      source: at(CONFIGURATION, 106),
    },
    SUPERSET_DASHBOARD_URL: {
      form: url('http', 'https'),
      default: 'https://superset.operate-first.cloud/',
      description: 'Superset link in the report.',
      source: at(CONFIGURATION, 112),
    },
    SERVICE_INTERVAL: {
      form: pattern('^[0-9]+[smhdwy]$', 'a Prometheus duration such as 7d'),
      default: '7d',
      description: 'Range of the Prometheus range-vector selectors of the service SLIs.',
      source: at(CONFIGURATION, 157),
    },
    THOTH_SLO_REPORTER_DAY_SEND_EMAIL: {
      form: oneOf(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']),
      default: 'Friday',
      description: 'Weekday (English name, as strftime %A gives it) on which the e-mail is sent; any other text means never.',
      source: at(CONFIGURATION, 160),
    },
    LEARNING_RATE_INTERVAL: {
      form: integer({ min: 1 }),
      default: '1',
      description: 'Hours of the rate() window of the learning SLIs; int() at import.',
      source: at('thoth/slo_reporter/sli_learning/sli_learning.py', 43),
    },
  },
  modes: {
    selector: { variable: 'DRY_RUN' },
    default: 'report',
    classify: (value: string): string | undefined =>
      /^\s*[+-]?[0-9]+\s*$/.test(value) ? (Number.parseInt(value, 10) === 0 ? 'report' : 'dry-run') : undefined,
    otherwise: 'bool(int(value)) at import raises ValueError on a non-integer text and the job stops',
    source: at('app.py', 49),
    variants: {
      report: {
        description:
          'Default (unset or 0): reads every setting below with os.environ[...] in Configuration(), connects to Ceph, checks Thanos (GET <THANOS_ENDPOINT>/ must succeed or the run stops), queries, stores on Ceph, pushes to the Pushgateway and maybe mails.',
        source: at(CONFIGURATION, 63),
        variables: {
          ...THOTH_STORAGES_CEPH,
          THOTH_DEPLOYMENT_NAME: {
            form: text(),
            required: true,
            description: 'Deployment name: env label of the pushed gauges and part of the Ceph prefix <prefix>/<deployment>/thoth-sli-metrics-<deployment>.',
            source: at(CONFIGURATION, 71),
          },
          THOTH_CEPH_BUCKET_PREFIX: {
            form: text(),
            required: true,
            description: 'First part of the Ceph prefix of the SLI tables.',
            source: at(CONFIGURATION, 102),
          },
          THOTH_PUBLIC_CEPH_BUCKET: {
            form: text(),
            description: 'Public bucket the SLI tables are also stored in; unset logs a warning and stores only in THOTH_CEPH_BUCKET.',
            source: at(CONFIGURATION, 101),
          },
          PROMETHEUS_INSTANCE_METRICS_EXPORTER_INFRA: {
            form: text(),
            required: true,
            description: `${FIELD_INSTANCE} (metrics-exporter).`,
            source: at(CONFIGURATION, 66),
          },
          PROMETHEUS_INSTANCE_WORKFLOW_CONTROLLER_BACKEND: {
            form: text(),
            required: true,
            description: `${FIELD_INSTANCE} (Argo workflow controller of the backend namespace).`,
            source: at(CONFIGURATION, 67),
          },
          PROMETHEUS_INSTANCE_WORKFLOW_CONTROLLER_MIDDLETIER: {
            form: text(),
            required: true,
            description: `${FIELD_INSTANCE} (Argo workflow controller of the middletier namespace).`,
            source: at(CONFIGURATION, 68),
          },
          PROMETHEUS_INSTANCE_WORKFLOW_CONTROLLER_AMUN_INSPECTION: {
            form: text(),
            required: true,
            description: `${FIELD_INSTANCE} (Argo workflow controller of the Amun inspection namespace).`,
            source: at(CONFIGURATION, 69),
          },
          PROMETHEUS_INSTANCE_USER_API: {
            form: text(),
            required: true,
            description: 'Value of the `field` label that selects the user-api series; os.environ[...] when the report is built (SLIUserAPI).',
            source: at('thoth/slo_reporter/sli_apis/sli_user_api.py', 59),
          },
          THOTH_BACKEND_NAMESPACE: {
            form: text(),
            required: true,
            description: 'Backend namespace, used in queries; os.environ[...].',
            source: at(CONFIGURATION, 73),
          },
          THOTH_MIDDLETIER_NAMESPACE: {
            form: text(),
            required: true,
            description: 'Middletier namespace, used in queries; os.environ[...].',
            source: at(CONFIGURATION, 74),
          },
          THOTH_AMUN_INSPECTION_NAMESPACE: {
            form: text(),
            required: true,
            description: 'Amun inspection namespace, used in queries; os.environ[...].',
            source: at(CONFIGURATION, 75),
          },
          SMTP_SERVER: {
            form: text(),
            required: true,
            description: 'SMTP host of the e-mail; os.environ[...] even when THOTH_SLO_REPORTER_SEND_EMAIL is 0.',
            source: at(CONFIGURATION, 78),
          },
          SMTP_SERVER_PORT: {
            form: integer({ min: 1, max: 65535 }),
            default: '587',
            description: 'SMTP port (used with THOTH_SLO_REPORTER_USING_SMTP_TLS; the plain path connects to SMTP_SERVER on port 25); int().',
            source: at(CONFIGURATION, 79),
          },
          SMTP_SERVER_USERNAME: {
            form: text(),
            description: 'SMTP login; the TLS path raises when it is unset at sending time.',
            source: at(CONFIGURATION, 80),
          },
          SMTP_SERVER_PASSWORD: {
            form: text(),
            description: 'SMTP password; the TLS path raises when it is unset at sending time.',
            source: at(CONFIGURATION, 81),
          },
          EMAIL_SENDER: {
            form: text(),
            required: true,
            description: 'From address; os.environ[...] even when e-mail is off.',
            source: at(CONFIGURATION, 82),
          },
          EMAIL_RECIPIENTS: {
            form: pattern('^[^,;\\s]+@[^,;\\s]+$', 'one e-mail address'),
            required: true,
            description:
              'To address; os.environ[...] even when e-mail is off. Passed to smtplib as one string, so it is a single recipient (a comma-separated list becomes one invalid address).',
            source: at(CONFIGURATION, 83),
          },
          THOTH_SLO_REPORTER_USING_SMTP_TLS: {
            form: pythonIntFlag(),
            default: '0',
            description: 'Non-zero integer: STARTTLS and login on SMTP_SERVER:SMTP_SERVER_PORT; bool(int()).',
            source: at(CONFIGURATION, 84),
          },
          PROMETHEUS_PUSHGATEWAY_URL: {
            form: pattern('^(https?://)?[^/\\s:]+(:[0-9]+)?(/.*)?$', 'a Pushgateway address: http(s)://host:port or host:port'),
            required: true,
            description: 'Pushgateway thoth_sli_weekly is pushed to (job "Weekly Thoth SLI"); os.environ[...].',
            source: at(CONFIGURATION, 87),
          },
          THANOS_ENDPOINT: {
            form: url('http', 'https'),
            required: true,
            description: 'Thanos/Prometheus query URL (TLS verification off); the run stops unless GET <url>/ succeeds.',
            source: at(CONFIGURATION, 97),
          },
          THANOS_ACCESS_TOKEN: {
            form: text(),
            required: true,
            description: 'Bearer token sent to THANOS_ENDPOINT; os.environ[...].',
            source: at(CONFIGURATION, 98),
          },
        },
      },
      'dry-run': {
        description:
          'Non-zero integer: no Thanos, Ceph, Pushgateway or SMTP; fake values, the HTML report written to a temporary file and opened with webbrowser. For development only.',
        source: at('app.py', 396),
        writes: [{ path: '/tmp', source: at('app.py', 398) }],
      },
    },
  },
});
