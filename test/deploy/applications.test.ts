/** Reading an Argo CD Application's status against the commit deploy expects. */
import { applicationState, type ApplicationObject } from '../../src/deploy/applications.js';

const EXPECTED = 'a'.repeat(40);
const OLDER = 'b'.repeat(40);

function app(status: ApplicationObject['status'], extra: Partial<ApplicationObject> = {}): ApplicationObject {
  return { metadata: { name: 'stage-thoth-graph' }, spec: { syncPolicy: { automated: { prune: true } } }, status, ...extra };
}

describe('applicationState', () => {
  test('Synced at the expected commit and Healthy is done, with nothing holding it back', () => {
    const state = applicationState(
      app({
        sync: { status: 'Synced', revision: EXPECTED },
        health: { status: 'Healthy' },
        resources: [{ kind: 'Service', namespace: 'n', name: 's', status: 'Synced', health: { status: 'Healthy' } }],
      }),
      0,
      EXPECTED,
    );
    expect(state).toMatchObject({ phase: 'done', atExpected: true, automated: true, blockers: [] });
  });

  test('Synced and Healthy at another commit is still waited for, and says which commit it is at', () => {
    const state = applicationState(app({ sync: { status: 'Synced', revision: OLDER }, health: { status: 'Healthy' } }), 0, EXPECTED);
    expect(state.phase).toBe('waiting');
    expect(state.reason).toBe(`is at bbbbbbbbbbbb, expected aaaaaaaaaaaa`);
  });

  test('a comparison error is shown while the commit has not arrived', () => {
    const state = applicationState(
      app({
        sync: { status: 'Unknown', revision: OLDER },
        health: { status: 'Healthy' },
        conditions: [{ type: 'ComparisonError', message: 'rpc error: repository not accessible' }],
      }),
      0,
      EXPECTED,
    );
    expect(state.phase).toBe('waiting');
    expect(state.reason).toMatch(/ComparisonError: rpc error: repository not accessible/);
  });

  test('a running operation is waited for even when the status already looks done', () => {
    const state = applicationState(
      app({ sync: { status: 'Synced', revision: EXPECTED }, health: { status: 'Healthy' }, operationState: { phase: 'Running' } }),
      0,
      EXPECTED,
    );
    expect(state).toMatchObject({ phase: 'waiting', operating: true, reason: 'a sync is running' });
    // Asked for and not yet picked up by the controller.
    expect(
      applicationState(app({ sync: { status: 'OutOfSync', revision: EXPECTED } }, { operation: { sync: { revision: EXPECTED } } }), 0, EXPECTED).operating,
    ).toBe(true);
  });

  test('a sync that failed at the expected commit fails, listing the resources it could not apply', () => {
    const state = applicationState(
      app({
        sync: { status: 'OutOfSync', revision: EXPECTED },
        health: { status: 'Missing' },
        resources: [{ kind: 'Deployment', namespace: 'thoth-infra-stage', name: 'investigator', status: 'OutOfSync', health: { status: 'Missing' } }],
        operationState: {
          phase: 'Failed',
          message: 'one or more objects failed to apply',
          syncResult: {
            revision: EXPECTED,
            resources: [
              {
                kind: 'Deployment',
                namespace: 'thoth-infra-stage',
                name: 'investigator',
                status: 'SyncFailed',
                message: 'admission webhook denied the request',
              },
            ],
          },
        },
      }),
      1,
      EXPECTED,
    );
    expect(state).toMatchObject({ phase: 'failed', failure: 'sync', reason: 'sync failed: one or more objects failed to apply' });
    expect(state.blockers).toEqual([
      { resource: 'Deployment thoth-infra-stage/investigator', sync: 'OutOfSync', health: 'Missing', message: 'admission webhook denied the request' },
    ]);
  });

  test('a failed sync of an older commit is not this deploy’s failure', () => {
    const state = applicationState(
      app({
        sync: { status: 'OutOfSync', revision: EXPECTED },
        health: { status: 'Healthy' },
        operationState: { phase: 'Failed', message: 'old', syncResult: { revision: OLDER } },
      }),
      0,
      EXPECTED,
    );
    expect(state.phase).toBe('waiting');
  });

  test('Degraded at the expected commit fails with the unhealthy resources and their messages', () => {
    const state = applicationState(
      app({
        sync: { status: 'Synced', revision: EXPECTED },
        health: { status: 'Degraded' },
        resources: [
          {
            kind: 'Deployment',
            namespace: 'n',
            name: 'api',
            status: 'Synced',
            health: { status: 'Degraded', message: 'Deployment "api" exceeded its progress deadline' },
          },
          { kind: 'ConfigMap', namespace: 'n', name: 'fine', status: 'Synced' },
        ],
      }),
      2,
      EXPECTED,
    );
    expect(state).toMatchObject({ phase: 'failed', failure: 'degraded' });
    expect(state.blockers).toEqual([
      { resource: 'Deployment n/api', sync: 'Synced', health: 'Degraded', message: 'Deployment "api" exceeded its progress deadline' },
    ]);
  });

  test('Degraded at an older commit is waited for: the sync of the expected one may mend it', () => {
    expect(applicationState(app({ sync: { status: 'OutOfSync', revision: OLDER }, health: { status: 'Degraded' } }), 0, EXPECTED).phase).toBe('waiting');
  });

  test('a SyncError about the expected commit fails at once; one about an older commit is waited past', () => {
    const syncError = (revision: string) => ({ type: 'SyncError', message: `Failed sync attempt to ${revision}: one or more objects failed to apply` });
    expect(applicationState(app({ sync: { status: 'OutOfSync', revision: EXPECTED }, conditions: [syncError(EXPECTED)] }), 0, EXPECTED)).toMatchObject({
      phase: 'failed',
      failure: 'sync',
      reason: `SyncError: Failed sync attempt to ${EXPECTED}: one or more objects failed to apply`,
    });
    // Argo CD clears it at its next reconciliation; deploying the fix of a broken commit must not stop on it.
    expect(applicationState(app({ sync: { status: 'OutOfSync', revision: OLDER }, conditions: [syncError(OLDER)] }), 0, EXPECTED).phase).toBe('waiting');
  });

  test('an InvalidSpecError fails at once when the spec is the expected one, and is waited past while the root has not applied it', () => {
    const invalid = app({
      sync: { status: 'Unknown' },
      conditions: [{ type: 'InvalidSpecError', message: 'application references project thoth-stage which does not exist' }],
    });
    expect(applicationState(invalid, 0, EXPECTED, true)).toMatchObject({
      phase: 'failed',
      failure: 'sync',
      reason: 'InvalidSpecError: application references project thoth-stage which does not exist',
    });
    expect(applicationState(invalid, 0, EXPECTED, false)).toMatchObject({
      phase: 'waiting',
      reason: "InvalidSpecError (the root has not applied this commit's spec yet): application references project thoth-stage which does not exist",
    });
  });

  test('Degraded while OutOfSync at the expected commit is waited for: its sync may mend it (prod, synced by hand)', () => {
    expect(applicationState(app({ sync: { status: 'OutOfSync', revision: EXPECTED }, health: { status: 'Degraded' } }), 0, EXPECTED).phase).toBe('waiting');
  });

  test('an Application without a status yet is waited for', () => {
    expect(applicationState(app(undefined, { spec: {} }), 0, EXPECTED)).toMatchObject({
      phase: 'waiting',
      sync: 'Unknown',
      health: 'Unknown',
      automated: false,
      reason: 'has not compared any commit yet, expected aaaaaaaaaaaa',
    });
  });
});
