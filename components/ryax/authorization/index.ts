/**
 * authorization: users, projects and login; every user-facing service asks it whether a request may
 * pass. An init container migrates its database first, as the chart's does.
 */
import { Construct } from 'constructs';
import { RYAX_AUTHORIZATION_CONTRACT } from '../contracts/authorization.js';
import { ryaxEnv } from '../shared/env.js';
import { RYAX_SERVICE_NAMES } from '../shared/service-names.js';
import { RyaxService, type RyaxServiceProps } from '../shared/service.js';

export class Authorization extends Construct {
  constructor(scope: Construct, id: string, props: RyaxServiceProps) {
    super(scope, id);
    const { env } = props;
    // The migration is the same program's: it is given what the service is.
    const environment = ryaxEnv(env, RYAX_AUTHORIZATION_CONTRACT)
      .literal('JWT_ALGORITHM', 'HS256')
      .literal('JWT_EXP_DELTA_SECONDS', '60 * 60 * 24')
      .jwt()
      .datastore('authorization')
      .logLevel();
    new RyaxService(this, 'Service', props, {
      name: RYAX_SERVICE_NAMES.authorization,
      repository: 'authorization',
      environment,
      ports: [{ name: 'http', containerPort: 8080 }],
      healthPath: '/healthz',
      routes: [
        { path: '/authorization', match: 'Prefix', stripPrefix: true, port: 8080 },
        { path: '/api/authorization', match: 'Prefix', stripPrefix: true, port: 8080 },
      ],
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      beforeStart: [{ name: 'update-db', command: ['ryax-authorization-update-db'], args: [], environment }],
    });
  }
}
