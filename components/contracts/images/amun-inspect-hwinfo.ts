/**
 * quay.io/thoth-station/amun-inspect-hwinfo: the init container of an Amun inspection run, which writes
 * a JSON description of the node's CPU (/proc/cpuinfo, py-cpuinfo 7.0.0, uname) and platform for the
 * inspection entrypoint to read. Built from thoth-station/amun-hwinfo@v0.1.2 (one file, app.py) by an s2i
 * build on quay.io/thoth-station/s2i-thoth-ubi8-py36:v0.14.0, whose run script runs `python app.py`
 * (APP_FILE defaults to app.py). It reads one variable and needs no API access; it runs as the image's
 * user 1001.
 */
import { defineContract, writePath } from '../../../src/contracts/model.js';

const HWINFO = 'thoth-station/amun-hwinfo@v0.1.2';

export const AMUN_INSPECT_HWINFO_CONTRACT = defineContract({
  repository: 'thoth-station/amun-inspect-hwinfo',
  tags: ['v0.1.2'],
  source: HWINFO,
  summary:
    'Amun hardware probe: gathers CPU and platform information of the node and writes it as JSON to THOTH_OUTPUT_PATH, for the inspection container (THOTH_AMUN_HWINFO_PATH) to embed in its report.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: `${HWINFO}:.aicoe-ci.yaml#L6`,
  },
  variables: {
    THOTH_OUTPUT_PATH: {
      form: writePath(),
      required: true,
      default: '/home/amun/hwinfo/info.json',
      description:
        'File the JSON hardware description is written to (parent directories are created). The default only works where /home/amun/hwinfo is a mounted, writable volume: the s2i image has no /home/amun and its user 1001 cannot create it, so the probe fails with PermissionError. Point it into the volume shared with the inspection container, at the path that container reads as THOTH_AMUN_HWINFO_PATH.',
      source: `${HWINFO}:app.py#L48`,
    },
  },
});
