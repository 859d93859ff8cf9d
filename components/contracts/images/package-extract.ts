/**
 * quay.io/thoth-station/package-extract: downloads a container image with skopeo, unpacks its layers
 * and lists what is installed in it (RPM and deb packages with dependencies, Python packages and
 * files, interpreters, library symbols, CUDA version, ...).
 *
 * Read at thoth-station/package-extract@v1.3.1 (refs/tags/v1.3.1). Not an s2i image: the Dockerfile
 * builds on fedora:32 (dnf-utils for repoquery, skopeo, fakeroot, fakechroot, mercator-go built from
 * source), installs the program with `pip3 install -r requirements.txt` (unpinned: the versions of
 * PyPI on 2022-02-10, which Pipfile.lock records as click 8.0.3, thoth-common 0.34.1, thoth-analyzer
 * 0.1.8), sets THOTH_ANALYZER_NO_TLS_VERIFY=True, and runs ENTRYPOINT ["thoth-package-extract"] with
 * CMD ["extract-image"] as USER 1042 (no /etc/passwd entry, so HOME is /). STI_SCRIPTS_PATH is not set
 * in this image, so thoth-common logs coloured text and never reads THOTH_LOGGING_NO_JSON.
 *
 * The graph sync (thoth-storages sync_analysis_result) reads metadata.arguments["thoth-package-extract"]
 * .metadata.environment_type and metadata.arguments["extract-image"].image: the program must run under
 * its entry point's name with the extract-image subcommand.
 */
import { clickFlag, defineContract, integer, json, readPath, text, writePath, type Variables } from '../../../src/contracts/model.js';
import { THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_COMMON_RSYSLOG } from '../libraries/thoth-common-rsyslog.js';
import { THOTH_ANALYZER_RESULT } from '../libraries/thoth-analyzer.js';

const TAG = 'v1.3.1';
const at = (path: string, line: number): string => `thoth-station/package-extract@${TAG}:${path}#L${line}`;

/** thoth-common's logging fragment without THOTH_LOGGING_NO_JSON: with STI_SCRIPTS_PATH unset it is never read. */
const { THOTH_LOGGING_NO_JSON: _neverReadWithoutStiScriptsPath, ...LOGGING } = THOTH_COMMON_LOGGING;

const EXTRACT = {
  THOTH_ANALYZED_IMAGE: {
    form: text(),
    required: true,
    description: 'The image to analyse, as skopeo takes it after docker:// (registry/repository:tag or @digest). Missing: click exits 2.',
    source: at('thoth/package_extract/cli.py', 89),
  },
  THOTH_REGISTRY_CREDENTIALS: {
    form: text(),
    description: 'USER:PASSWORD (a token may stand for the password) passed to skopeo copy --src-creds; unset or empty: anonymous pull.',
    source: at('thoth/package_extract/cli.py', 97),
  },
  THOTH_ANALYZER_NO_TLS_VERIFY: {
    form: clickFlag(),
    default: 'True',
    description:
      'Switch (click BOOL): on passes --src-tls-verify=false to skopeo. The image sets it to True (Dockerfile ENV), so TLS is not verified unless a container sets it to 0/false.',
    source: at('thoth/package_extract/cli.py', 124),
  },
  THOTH_ANALYZER_TIMEOUT: {
    form: integer({ min: 1 }),
    description: 'Seconds each command (skopeo, mercator, rpm, repoquery, ...) may run; unset: no limit.',
    source: at('thoth/package_extract/cli.py', 109),
  },
  THOTH_ANALYZER_OUTPUT: {
    form: writePath(),
    default: '-',
    description: 'File the result document is written to ("-" or unset: stdout; an http(s) URL: POSTed there).',
    source: at('thoth/package_extract/cli.py', 117),
  },
  THOTH_PACKAGE_EXTRACT_METADATA: {
    form: json('object'),
    description:
      'A JSON object the program only records (metadata.arguments["thoth-package-extract"].metadata). The graph sync requires its key environment_type ("runtime" or "buildtime"; KeyError without it) and reads origin and is_external.',
    source: at('thoth/package_extract/cli.py', 66),
  },
  PROMETHEUS_PUSHGATEWAY_HOST: {
    form: text(),
    description:
      'With PROMETHEUS_PUSHGATEWAY_PORT, makes the program push its package_extract_time gauge. The address is built with a format-spec typo (f"{host:port}"), which raises ValueError that the program catches and logs with a traceback (also sent to Sentry): no metric is ever pushed, and setting both only produces that error. PROMETHEUS_PUSHGATEWAY_URL is not read.',
    source: at('thoth/package_extract/core.py', 70),
  },
  PROMETHEUS_PUSHGATEWAY_PORT: {
    form: integer({ min: 1, max: 65535 }),
    description: 'See PROMETHEUS_PUSHGATEWAY_HOST: both set make the program log a ValueError instead of pushing metrics.',
    source: at('thoth/package_extract/core.py', 71),
  },
  MERCATOR_BIN: {
    form: text(),
    default: 'mercator',
    description: 'The mercator-go executable that finds language packages in the unpacked file system.',
    source: at('thoth/package_extract/image.py', 49),
  },
  MERCATOR_HANDLERS_YAML: {
    form: readPath(),
    default: '/usr/local/share/mercator/handlers.yml',
    description: 'mercator-go handler configuration.',
    source: at('thoth/package_extract/image.py', 50),
  },
  SKOPEO_EXEC_PATH: {
    form: readPath(),
    default: '<site-packages>/thoth/package_extract/bin/skopeo',
    description: 'The skopeo executable; defaults to the binary shipped inside the Python package.',
    source: at('thoth/package_extract/image.py', 54),
  },
} as const satisfies Variables;

export const PACKAGE_EXTRACT_CONTRACT = defineContract({
  repository: 'thoth-station/package-extract',
  tags: [TAG],
  source: `thoth-station/package-extract@${TAG}`,
  summary:
    'thoth-package-extract extract-image: skopeo-copies THOTH_ANALYZED_IMAGE into a temporary directory, unpacks every layer into a root file system there, runs rpm, repoquery, dpkg-query/apt-cache (under fakeroot fakechroot), mercator and nm on it, and writes a thoth-analyzer document to THOTH_ANALYZER_OUTPUT. Needs network access to the registry and ephemeral storage for the whole unpacked image.',
  entrypoint: {
    // ENTRYPOINT; the image's CMD adds the subcommand extract-image. A container that sets only
    // command: ["thoth-package-extract"] drops that CMD: click prints the group's help and exits 0.
    command: ['thoth-package-extract'],
    alternatives: [['thoth-package-extract', 'extract-image']],
    source: 'thoth-station/package-extract@v1.3.1:Dockerfile#L31',
  },
  variables: {
    ...LOGGING,
    ...THOTH_COMMON_RSYSLOG,
    ...THOTH_ANALYZER_RESULT,
    THOTH_DOCUMENT_ID: {
      ...THOTH_ANALYZER_RESULT.THOTH_DOCUMENT_ID,
      required: true,
      description:
        'Written as metadata.document_id of the analysis document. The program runs without it (null), but the graph sync then fails (AnalysisResultsStore.get_document_id raises NoDocumentIdError): set it to the analysis id the document is stored and synced under.',
    },
    ...EXTRACT,
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  arguments: {
    flags: {
      '--verbose': { form: 'switch', description: 'Group option: debug logging of thoth.package_extract.', source: at('thoth/package_extract/cli.py', 54) },
      '-v': { form: 'switch', description: 'Short form of --verbose.', source: at('thoth/package_extract/cli.py', 54) },
      '--version': { form: 'switch', description: 'Print the version and exit.', source: at('thoth/package_extract/cli.py', 56) },
      '--metadata': { form: json('object'), description: 'Group option, as THOTH_PACKAGE_EXTRACT_METADATA.', source: at('thoth/package_extract/cli.py', 64) },
      '--image': { form: text(), description: 'extract-image option: the image, as THOTH_ANALYZED_IMAGE.', source: at('thoth/package_extract/cli.py', 86) },
      '-i': { form: text(), description: 'Short form of --image.', source: at('thoth/package_extract/cli.py', 87) },
      '--registry-credentials': { form: text(), description: 'As THOTH_REGISTRY_CREDENTIALS.', source: at('thoth/package_extract/cli.py', 93) },
      '-c': { form: text(), description: 'Short form of --registry-credentials.', source: at('thoth/package_extract/cli.py', 94) },
      '--no-pretty': { form: 'switch', description: 'Write the document without indentation.', source: at('thoth/package_extract/cli.py', 101) },
      '--timeout': { form: integer({ min: 1 }), description: 'As THOTH_ANALYZER_TIMEOUT.', source: at('thoth/package_extract/cli.py', 103) },
      '-t': { form: integer({ min: 1 }), description: 'Short form of --timeout.', source: at('thoth/package_extract/cli.py', 104) },
      '--output': { form: writePath(), description: 'As THOTH_ANALYZER_OUTPUT.', source: at('thoth/package_extract/cli.py', 114) },
      '-o': { form: writePath(), description: 'Short form of --output.', source: at('thoth/package_extract/cli.py', 115) },
      '--no-tls-verify': { form: 'switch', description: 'As THOTH_ANALYZER_NO_TLS_VERIFY.', source: at('thoth/package_extract/cli.py', 122) },
    },
    unknownFlags: 'error',
  },
  writes: [
    // tempfile.TemporaryDirectory: the copied image and its unpacked root file system.
    { path: '/tmp', source: at('thoth/package_extract/core.py', 53) },
    // repoquery (dnf) run as a non-root user creates its cache directory under /var/tmp (dnf.yum.misc.getCacheDir) and fails without it.
    { path: '/var/tmp', source: at('thoth/package_extract/image.py', 107) },
  ],
});
