/**
 * docker.io/ryaxtech/front: the Ryax WebUI, an NGINX server serving the Angular front end
 * (docs/docs/reference/architecture.md#L252-L258; chart description "Ryax platform web interface").
 *
 * Read at RyaxTech/ryax-engine@9dc81bf (chart ryax-engine 26.4.0), subchart charts/ryax/subcharts/front.
 * The image's own source is not public: this contract records what the chart sets, not a reading of
 * the image. The chart sets no environment variable (only values extraEnv, empty by default), no
 * command and no arguments: the image's default entry point runs. The front end calls the services'
 * APIs through the same host (the Ingress paths /authorization, /studio, /runner, /repository, ...,
 * inference from the path map); nothing in the chart configures them.
 */
import { defineContract } from '../../../src/contracts/model.js';
import { DEFAULT_ENTRYPOINT, RYAX_TAG, subchart } from './chart.js';

const deployment = subchart('front', 'templates/deployments.yaml');

export const RYAX_FRONT_CONTRACT = defineContract({
  repository: 'ryaxtech/front',
  tags: [RYAX_TAG],
  source: 'RyaxTech/ryax-engine@9dc81bf:charts/ryax/subcharts/front',
  summary:
    'Ryax WebUI (NGINX serving the Angular UI): HTTP on 80 (values apiPort; Service port "http" 80), readiness GET / every 6 s up to 30 failures, liveness GET / every 30 s, 1 failure. Published by Traefik at / (Exact) and /app (Prefix, stripped). Connects to nothing itself (the browser calls the services). emptyDir on /tmp; no variables set by the chart. Needs no Kubernetes API.',
  entrypoint: {
    command: DEFAULT_ENTRYPOINT,
    source: deployment(33),
  },
  variables: {},
  writes: [
    // Inference: the chart mounts an emptyDir there (NGINX's temporary files).
    { path: '/tmp', source: deployment(43) },
  ],
});
