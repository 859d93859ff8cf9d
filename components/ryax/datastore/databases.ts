/**
 * The datastore's databases: one user and one database per service that keeps data (the chart's
 * `datastore-<service>-{user,pass,db}` keys), created where missing and given the password the
 * Secret holds now, by a psql script in an Argo CD PreSync Job of the services' application, so
 * every sync of the services first makes sure their databases exist (the chart did it in a Helm
 * pre-upgrade hook, which a first install never runs). The script reads its names and passwords with
 * psql's `\getenv`, so none is in the script, the Job's arguments or git.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Env } from '../../../src/platform/env.js';
import { upstreamImage } from '../../../src/platform/images.js';
import { objectLabels, PRESYNC_JOB_ANNOTATIONS } from '../../../src/platform/metadata.js';
import { podTemplate } from '../../../src/platform/pod.js';
import { RYAX_POSTGRES_CONTRACT } from '../contracts/postgres.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { databaseServices, type DatabaseService, RYAX_SECRETS } from '../shared/secrets.js';
import { DATASTORE_IMAGE, DATASTORE_SERVICE, POSTGRES_UID } from './index.js';

/** The variable a service's user, password or database is given to the script by. */
export const scriptVariable = (service: DatabaseService, part: 'USER' | 'PASS' | 'DB'): `RYAX_DATASTORE_${string}` =>
  `RYAX_DATASTORE_${service.toUpperCase()}_${part}`;

/** The script: idempotent, run with ON_ERROR_STOP, so a missing variable or a refused statement fails the Job. */
export function databasesScript(services: readonly DatabaseService[]): string {
  const lines = ['\\set ON_ERROR_STOP on'];
  for (const service of services) {
    lines.push(
      `-- ${service}`,
      // A variable \\getenv does not find keeps its value: the previous service's name must not stand in.
      '\\unset user',
      '\\unset password',
      '\\unset database',
      `\\getenv user ${scriptVariable(service, 'USER')}`,
      `\\getenv password ${scriptVariable(service, 'PASS')}`,
      `\\getenv database ${scriptVariable(service, 'DB')}`,
      "SELECT format('CREATE ROLE %I LOGIN', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \\gexec",
      // Every run: a password changed in the secret store reaches the database.
      `ALTER ROLE :"user" WITH LOGIN PASSWORD :'password';`,
      "SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'user') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \\gexec",
      `ALTER DATABASE :"database" OWNER TO :"user";`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const SCRIPT_DIR = '/scripts';
const SCRIPT_FILE = 'databases.sql';

export class DatastoreDatabases extends Construct {
  constructor(scope: Construct, id: string, props: { readonly env: RyaxEnvironment; readonly namespace: string; readonly imageTag?: string }) {
    super(scope, id);
    const { namespace } = props;
    const name = `${DATASTORE_SERVICE}-databases`;
    const labels = objectLabels(DATASTORE_SERVICE, 'databases');
    const services = databaseServices(props.env);
    const script = new k8s.KubeConfigMap(this, 'Script', { metadata: { name, namespace, labels }, data: { [SCRIPT_FILE]: databasesScript(services) } });
    const secret = RYAX_SECRETS.datastore.name;
    const environment = Env.for(RYAX_POSTGRES_CONTRACT, 'client')
      .literal('PGHOST', DATASTORE_SERVICE)
      .secret('PGUSER', secret, 'datastore-user')
      .secret('PGPASSWORD', secret, 'datastore-pass')
      .secret('PGDATABASE', secret, 'datastore-db');
    for (const service of services) {
      for (const [part, key] of [
        ['USER', 'user'],
        ['PASS', 'pass'],
        ['DB', 'db'],
      ] as const) {
        environment.secret(scriptVariable(service, part), secret, `datastore-${service}-${key}`);
      }
    }
    const job = new k8s.KubeJob(this, 'Job', {
      metadata: {
        name,
        namespace,
        labels,
        annotations: { ...PRESYNC_JOB_ANNOTATIONS },
      },
      spec: {
        backoffLimit: 3,
        activeDeadlineSeconds: 600,
        template: podTemplate({
          labels,
          runAsUser: POSTGRES_UID,
          restartPolicy: 'Never',
          volumes: [{ name: 'script', configMap: { name, defaultMode: 0o444 } }],
          containers: [
            {
              name: 'databases',
              image: upstreamImage(DATASTORE_IMAGE.repository, DATASTORE_IMAGE.tag, props),
              // Through the image's entrypoint, which execs a command other than postgres as it is.
              args: ['psql', '--no-psqlrc', '--file', `${SCRIPT_DIR}/${SCRIPT_FILE}`],
              env: environment,
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
              volumeMounts: [{ name: 'script', mountPath: SCRIPT_DIR, readOnly: true }],
            },
          ],
        }),
      },
    });
    job.addDependency(script);
  }
}
