/** In-memory stand-ins for the investigator's ports, for the application tests. */
import type { MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { ConsumedMessage } from '../../../../src/runtime/kafka/decode.js';
import type { HandlerContext } from '../../../../src/runtime/kafka/process-record.js';
import type { PackageVersion } from '../../../../src/runtime/python/package.js';
import type { WorkflowOrder } from '../domain/orders.js';
import type { KnowledgeGraph, PackageIndex, PackageRef, Scheduled, SolverEnvironment, WorkflowScheduler } from './ports.js';

const key = (pkg: PackageVersion) => `${pkg.name}==${pkg.version}@${pkg.indexUrl}`;

export class FakeGraph implements KnowledgeGraph {
  readonly registered = new Set(['https://pypi.org/simple', 'https://example.com/simple']);
  readonly enabled = ['https://pypi.org/simple'];
  readonly solved = new Map<string, SolverEnvironment[]>();
  readonly analysed = new Set<string>();
  readonly updates: string[] = [];

  solvedIn(pkg: PackageVersion, ...environments: SolverEnvironment[]): void {
    this.solved.set(key(pkg), environments);
  }

  async indexUrls() {
    return { registered: this.registered, enabled: this.enabled };
  }
  async solvedEnvironments(pkg: PackageVersion) {
    return this.solved.get(key(pkg)) ?? [];
  }
  async securityAnalysed(pkg: PackageVersion) {
    return this.analysed.has(key(pkg));
  }
  async markMissing(pkg: PackageRef & { version?: string }) {
    this.updates.push(`missing ${pkg.name} ${pkg.version ?? '*'} ${pkg.indexUrl}`);
    return 1;
  }
  async setProvidesSourceDistro(pkg: PackageVersion, value: boolean) {
    this.updates.push(`sdist ${key(pkg)} ${value}`);
    return 1;
  }
  async markArtifactsAbsent(pkg: PackageVersion, sha256: readonly string[]) {
    this.updates.push(`absent ${key(pkg)} ${sha256.join(',')}`);
    return sha256.length;
  }
}

export class FakeIndex implements PackageIndex {
  readonly packages = new Map<string, string[]>();
  async versions(indexUrl: string, name: string) {
    return this.packages.get(`${indexUrl} ${name}`) ?? [];
  }
}

export class RecordingScheduler implements WorkflowScheduler {
  readonly orders: { order: WorkflowOrder; cause: MessageTypeName }[] = [];
  async schedule(order: WorkflowOrder, cause: MessageTypeName): Promise<Scheduled> {
    this.orders.push({ order, cause });
    return 'created';
  }
  /** What was scheduled, one line each: `workflow what`. */
  summary(): string[] {
    return this.orders.map(({ order }) => {
      const p = order.parameters as Record<string, string>;
      const what =
        order.workflow === 'solver'
          ? `${p.THOTH_SOLVER_NAME} ${p.THOTH_SOLVER_PACKAGES}`
          : (p.THOTH_REVSOLVER_PACKAGE_NAME ?? p.THOTH_SECURITY_INDICATORS_PACKAGE_NAME ?? p.THOTH_PACKAGE_NAME ?? '');
      return `${order.workflow} ${what}`.trim();
    });
  }
}

export const context: HandlerContext = { signal: new AbortController().signal, heartbeat: async () => {} };

/** A message as decode hands it on; the value is taken as checked (the handlers' tests give what they test). */
export function message<N extends MessageTypeName>(type: N, value: Record<string, unknown>, version = 'v1'): ConsumedMessage<N> {
  const fields = { component_name: 'test', service_version: '1', ...value };
  return { type, version, value: fields, topic: `test.${type}`, partition: 0, offset: '0' } as unknown as ConsumedMessage<N>;
}
