/**
 * repository: scans users' Git repositories for actions and orders their builds. An init container
 * migrates its database first, as the chart's does.
 */
import { Construct } from 'constructs';
import { RYAX_REPOSITORY_CONTRACT } from '../contracts/repository.js';
import { ryaxEnv } from '../shared/env.js';
import { RYAX_SECRETS } from '../shared/secrets.js';
import { RYAX_SERVICE_NAMES } from '../shared/service-names.js';
import { RyaxService, type RyaxServiceProps } from '../shared/service.js';

export class Repository extends Construct {
  constructor(scope: Construct, id: string, props: RyaxServiceProps) {
    super(scope, id);
    const { env } = props;
    // The migration is the same program's: it is given what the service is.
    const environment = ryaxEnv(env, RYAX_REPOSITORY_CONTRACT)
      .logLevel()
      .jwt()
      .broker()
      .datastore('repository')
      .secret('RYAX_PASSWORD_ENCRYPTION_KEY', RYAX_SECRETS.repositoryEncryption.name, 'encryption-key')
      .authorization()
      .literal('RYAX_TMP_DIR', '/tmp');
    new RyaxService(this, 'Service', props, {
      name: RYAX_SERVICE_NAMES.repository,
      repository: 'repository',
      environment,
      ports: [{ name: 'http', containerPort: 8080 }],
      healthPath: '/healthz',
      routes: [
        { path: '/repository', match: 'Prefix', stripPrefix: true, port: 8080 },
        { path: '/api/repository', match: 'Prefix', stripPrefix: true, port: 8080 },
      ],
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      beforeStart: [{ name: 'update-db', command: ['ryax-repository-update-db'], args: [], environment }],
    });
  }
}
