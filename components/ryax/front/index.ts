/** front: the web UI (NGINX serving the Angular application), at `/` and under `/app`. */
import { Construct } from 'constructs';
import { RYAX_FRONT_CONTRACT } from '../contracts/front.js';
import { ryaxEnv } from '../shared/env.js';
import { RYAX_SERVICE_NAMES } from '../shared/service-names.js';
import { RyaxService, type RyaxServiceProps } from '../shared/service.js';

export class Front extends Construct {
  constructor(scope: Construct, id: string, props: RyaxServiceProps) {
    super(scope, id);
    new RyaxService(this, 'Service', props, {
      name: RYAX_SERVICE_NAMES.front,
      repository: 'front',
      environment: ryaxEnv(props.env, RYAX_FRONT_CONTRACT),
      ports: [{ name: 'http', containerPort: 80 }],
      healthPath: '/',
      routes: [
        { path: '/', match: 'Exact', stripPrefix: false, port: 80 },
        { path: '/app', match: 'Prefix', stripPrefix: true, port: 80 },
      ],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
    });
  }
}
