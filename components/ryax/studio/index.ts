/**
 * studio: creates, edits and deploys workflows (the HTTP API of the web UI and the CLI); it orders
 * deployments from the runner over the broker. Its database is migrated before it starts: the chart
 * migrates it only in a pre-upgrade hook, which a first install never runs (docs/quirks.md Q64).
 */
import { Construct } from 'constructs';
import { RYAX_STUDIO_CONTRACT } from '../contracts/studio.js';
import { ryaxEnv } from '../shared/env.js';
import { RYAX_SERVICE_NAMES } from '../shared/service-names.js';
import { RyaxService, type RyaxServiceProps } from '../shared/service.js';

export class Studio extends Construct {
  constructor(scope: Construct, id: string, props: RyaxServiceProps) {
    super(scope, id);
    const { env } = props;
    // The migration is the same program's: it is given what the service is.
    const environment = ryaxEnv(env, RYAX_STUDIO_CONTRACT)
      .literal('RYAX_TMP_DIR', '/tmp')
      .logLevel()
      .jwt()
      .literal('JWT_ALGORITHM', 'HS256')
      .field('RYAX_EXECUTOR_ID', 'metadata.name')
      .broker()
      .datastore('studio')
      .filestore()
      .authorization()
      .literal('RYAX_STUDIO_API_PORT', '8080')
      .literal('RYAX_MAX_UPLOAD_SIZE', String(1024 ** 3));
    new RyaxService(this, 'Service', props, {
      name: RYAX_SERVICE_NAMES.studio,
      repository: 'studio',
      environment,
      ports: [{ name: 'http', containerPort: 8080 }],
      healthPath: '/healthz',
      routes: [
        { path: '/studio', match: 'Prefix', stripPrefix: true, port: 8080 },
        { path: '/api/studio', match: 'Prefix', stripPrefix: true, port: 8080 },
      ],
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '2Gi' } },
      beforeStart: [{ name: 'update-db', command: ['ryax-studio-update-db'], args: [], environment }],
    });
  }
}
