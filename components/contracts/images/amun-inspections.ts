/**
 * quay.io/thoth-station/amun-inspections:<inspection id>: the images the Amun build step builds (kaniko
 * in these manifests) from the Dockerfile amun-api generates for each inspection. Read at
 * thoth-station/amun-api@v0.10.6, amun/dockerfile.py (the Dockerfile) and amun/inspect.py (the
 * entrypoint it writes into the image).
 *
 * The Dockerfile starts FROM the specification's base image as USER root, adds the requested ENV entries,
 * packages and Python requirements (a venv in /home/amun when the specification has "python"), writes the
 * user's script to /home/amun/script and inspect.py to /home/amun/entrypoint, creates
 * /home/amun/script.stdout and /home/amun/script.stderr mode 777, sets CMD ["/home/amun/entrypoint"], and
 * ends with USER 1042 and WORKDIR /home/amun. Only specifications with a "script" get that CMD (and only
 * those are run: amun-api schedules a build without a run otherwise); without one the base image's CMD
 * stays.
 *
 * The entrypoint reads the hardware JSON written by the amun-inspect-hwinfo init container, runs the
 * script (with /home/amun/venv/bin/python3 when the venv exists, else `pipenv run`), and writes one JSON
 * report (hwinfo, stdout parsed as JSON when it can be, stderr, exit code, rusage, /etc/os-release,
 * hostname) to THOTH_OUTPUT_PATH; it exits with the script's exit code. It runs as any user (the files it
 * writes in /home/amun are mode 777). Variables not listed here are read, if at all, by the user's script
 * and the specification's own ENV entries, which no contract can know.
 */
import { defineContract, readPath, writePath } from '../../../src/contracts/model.js';

const AMUN = 'thoth-station/amun-api@v0.10.6';

export const AMUN_INSPECTIONS_CONTRACT = defineContract({
  repository: 'thoth-station/amun-inspections',
  tags: 'any',
  source: `${AMUN}:amun/inspect.py`,
  summary:
    "An Amun inspection image: runs the user's script from the inspection specification inside the requested software stack and writes a JSON report (with the hwinfo init container's hardware description) to THOTH_OUTPUT_PATH.",
  entrypoint: {
    command: ['/home/amun/entrypoint'],
    source: `${AMUN}:amun/dockerfile.py#L170`,
  },
  variables: {
    THOTH_OUTPUT_PATH: {
      form: writePath(),
      required: true,
      description:
        "File the inspection report is written to (parent directories are created). Unset, the report is computed and thrown away: the container only exits with the script's code, so the run produces no result.",
      source: `${AMUN}:amun/inspect.py#L173`,
    },
    THOTH_AMUN_HWINFO_PATH: {
      form: readPath(),
      required: true,
      default: '/home/amun/hwinfo/info.json',
      description:
        'Hardware JSON written by the amun-inspect-hwinfo init container (its THOTH_OUTPUT_PATH); opened before the script runs, a missing file stops the entrypoint with FileNotFoundError. The default only works with a volume shared with the init container mounted at /home/amun/hwinfo; point it into the shared volume instead.',
      source: `${AMUN}:amun/inspect.py#L38`,
    },
    THOTH_AMUN_STDOUT_PATH: {
      form: writePath(),
      default: '/home/amun/script.stdout',
      description:
        "File the script's standard output is redirected to and read back from. The default is in the image, so it needs a writable root file system; on a read-only root point it into a writable volume.",
      source: `${AMUN}:amun/inspect.py#L40`,
    },
    THOTH_AMUN_STDERR_PATH: {
      form: writePath(),
      default: '/home/amun/script.stderr',
      description:
        "File the script's standard error is redirected to and read back from. The default is in the image, so it needs a writable root file system; on a read-only root point it into a writable volume.",
      source: `${AMUN}:amun/inspect.py#L41`,
    },
    THOTH_AMUN_EXEC_DIR: {
      form: readPath(),
      default: '/home/amun',
      description: 'Directory holding the script and, when the specification had Python requirements, the venv the script runs with.',
      source: `${AMUN}:amun/inspect.py#L43`,
    },
    THOTH_AMUN_EXEC_FILE: {
      form: readPath(),
      default: '/home/amun/script',
      description: 'The script to run (and whose SHA-256 the report records).',
      source: `${AMUN}:amun/inspect.py#L44`,
    },
  },
});
