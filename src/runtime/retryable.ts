/**
 * What an error says of trying again, in its `retryable` property (the consumer reads it in
 * src/runtime/kafka/process-record.ts):
 * - true: a dependency is down (the API server, the knowledge graph); retried until it is back, for
 *   at most `holdLimitMs`, so that an outage skips nothing and a dependency that never answers does
 *   not hold the partition for ever (the record is then set aside as `timeout`);
 * - 'for-a-while': refused for now (a 403 or 404 from the API server), which is often a sync wave
 *   away (a Role, a CRD); retried for `refusedForMs`, then permanent;
 * - false: permanent (invalid), set aside at once;
 * - absent: unknown (a bug?), `maxAttempts` attempts.
 */
export type Retryable = boolean | 'for-a-while';
