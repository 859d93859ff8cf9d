/**
 * quay.io/thoth-station/integration-tests: Thoth's behave suite run against a live deployment (User API,
 * Management API, Amun API), optionally with an HTML report that can be mailed or copied to a directory.
 *
 * Read at thoth-station/integration-tests@v0.11.5. s2i build on quay.io/thoth-station/s2i-thoth-ubi8-py38;
 * there is no app.sh, so the s2i `run` script runs `python app.py`, which calls behave on features/ from
 * the working directory /opt/app-root/src. Pinned libraries (Pipfile.lock): behave 1.2.6,
 * behave-html-formatter 0.9.7, thamos 1.29.1, amun 0.5.0, gitpython 3.1.30, thoth-common 0.36.6 and
 * thoth-storages 0.74.1 (only for their types; no init_logging, no database, no Ceph).
 *
 * Every scenario starts with "deployment is accessible using HTTPS" (or "amun service is accessible using
 * HTTPS"): the scheme is fixed in the feature files, so the *_HOST variables must name hosts that answer
 * HTTPS with a certificate requests trusts (an Ingress host), not plain-HTTP Services. The thamos
 * scenarios clone GitHub repositories into tempfile.mkdtemp() (/tmp), and several scenarios reach
 * pypi.org and other package indexes: the pod needs egress to them. It never calls thoth-common's
 * init_logging, so THOTH_LOG_*, THOTH_LOGGING_NO_JSON and SENTRY_DSN have no effect. It uses no
 * Kubernetes API. app.py exits with behave's status (non-zero when a scenario fails).
 */
import { defineContract, integer, number, pattern, pythonIntFlag, text, writePath } from '../../../src/contracts/model.js';
import { s2iPythonRun } from '../libraries/s2i-python.js';

const TAG = 'v0.11.5';
const at = (path: string, line: number): string => `thoth-station/integration-tests@${TAG}:${path}#L${line}`;
const THAMOS = (path: string, line: number): string => `thoth-station/thamos@v1.29.1:${path}#L${line}`;
const HOST = pattern('^[A-Za-z0-9.-]+(:[0-9]+)?$', 'a host name (and port) without scheme or path');

export const INTEGRATION_TESTS_CONTRACT = defineContract({
  repository: 'thoth-station/integration-tests',
  tags: [TAG],
  source: `thoth-station/integration-tests@${TAG}`,
  summary:
    "Thoth integration tests: a behave suite run against a deployment's User API, Management API and Amun API over HTTPS; optionally writes, mails or copies an HTML report.",
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: at('app.py', 115),
  },
  variables: {
    ...s2iPythonRun({ file: ['app.py', '/opt/app-root/src/app.py'] }),
    THOTH_USER_API_HOST: {
      form: HOST,
      required: true,
      description:
        'Host of the User API; the steps request https://<host>/api/v1/... (the scheme is fixed to HTTPS by the feature files, TLS verified) and thamos is pointed at it. os.environ[...] in the first step of every scenario.',
      source: at('features/steps/common.py', 34),
    },
    THOTH_MANAGEMENT_API_HOST: {
      form: HOST,
      required: true,
      description: 'Host of the Management API, requested as https://<host>/api/v1/...; os.environ[...] in the first step of every deployment scenario.',
      source: at('features/steps/common.py', 47),
    },
    THOTH_MANAGEMENT_API_SECRET: {
      form: text(),
      required: true,
      description: 'Management API secret sent by the deployment-info scenario; os.environ[...] in the first step of every deployment scenario.',
      source: at('features/steps/common.py', 36),
    },
    THOTH_AMUN_API_HOST: {
      form: HOST,
      required: true,
      description: 'Host of the Amun API, requested as https://<host>/api/v1 by the Amun scenarios (build logs aggregation); os.environ[...] there.',
      source: at('features/steps/amun_api.py', 49),
    },
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      default: 'N/A',
      description: 'Deployment name printed in the banner and the e-mail subject.',
      source: at('app.py', 35),
    },
    THOTH_INTEGRATION_TESTS_TAGS: {
      form: text(),
      description: 'behave tag expression (--tags) selecting scenarios; unset or empty runs every feature.',
      source: at('app.py', 41),
    },
    GENERATE_REPORT: {
      form: pythonIntFlag(),
      default: '0',
      description:
        'Non-zero integer: behave writes an HTML report to behave-report.html in the working directory /opt/app-root/src, which is not writable on a read-only root file system (the run then fails before any test). Keep 0 there.',
      source: at('app.py', 39),
    },
    MAIL_REPORT: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer, with GENERATE_REPORT: mail the HTML report through THOTH_EMAIL_SMTP_SERVER; bool(int()).',
      source: at('app.py', 40),
    },
    THOTH_EMAIL_SMTP_SERVER: {
      form: text(),
      default: 'smtp.corp.redhat.com',
      description: 'SMTP host (port 25) for MAIL_REPORT.',
      source: at('app.py', 36),
    },
    THOTH_EMAIL_TO: {
      form: text(),
      default: 'aicoe-thoth-devops@redhat.com',
      description: 'Recipient of the mailed report (one address).',
      source: at('app.py', 37),
    },
    THOTH_EMAIL_FROM: {
      form: text(),
      default: 'noreply@redhat.com',
      description: 'Sender of the mailed report.',
      source: at('app.py', 38),
    },
    ARTIFACTS: {
      form: writePath(),
      description: 'Directory the HTML report is copied into after the run; needs GENERATE_REPORT (the copy fails otherwise) and a writable volume.',
      source: at('app.py', 43),
    },

    // thamos 1.29.1, used by the advise and provenance-check scenarios.
    THAMOS_TIMEOUT: {
      form: integer({ min: 1 }),
      default: '2700',
      description: 'Seconds thamos waits for an analysis; int() at import of thamos.lib.',
      source: THAMOS('thamos/lib.py', 88),
    },
    THAMOS_API_CONNECTION_TIMEOUT: {
      form: integer({ min: 1 }),
      default: '5',
      description: 'Connection timeout of thamos API discovery; int() at import.',
      source: THAMOS('thamos/config.py', 62),
    },
    THAMOS_RETRY_ON_ERROR_COUNT: {
      form: integer({ min: 0 }),
      default: '3',
      description: 'Retries of a failed thamos API call; int() at import.',
      source: THAMOS('thamos/lib.py', 86),
    },
    THAMOS_RETRY_ON_ERROR_SLEEP: {
      form: number({ min: 0 }),
      default: '3.0',
      description: 'Seconds between thamos retries; float() at import.',
      source: THAMOS('thamos/lib.py', 87),
    },
    THAMOS_DISABLE_TLS_WARNING: {
      form: pythonIntFlag(),
      default: '0',
      description: "Non-zero integer silences thamos' warning about unverified TLS; bool(int()) at import.",
      source: THAMOS('thamos/config.py', 61),
    },
    THAMOS_DISABLE_LAST_ANALYSIS_ID_FILE: {
      form: pythonIntFlag(),
      default: '0',
      description:
        'Non-zero integer: thamos does not write .thoth_last_analysis_id in the current directory; the advise scenario reads that file back from its clone in /tmp, so keep 0.',
      source: THAMOS('thamos/lib.py', 245),
    },
  },
  writes: [{ path: '/tmp', source: at('features/steps/advise.py', 229) }],
});
