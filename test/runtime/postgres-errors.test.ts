import pg from 'pg';
import { isUnavailable, retryingWhenUnavailable } from '../../src/runtime/postgres/errors.js';
import { freePort } from '../services/job-programs.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test.each([
  ['08006', true],
  ['57P01', true],
  ['53300', true],
  ['40P01', true],
  ['ECONNREFUSED', true],
  ['42P01', false],
  ['23505', false],
])('SQLSTATE or network code %s: unavailable %p', (code, unavailable) => {
  expect(isUnavailable(withCode(code))).toBe(unavailable);
});

test('pg’s own messages of a lost connection', () => {
  expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  expect(isUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  expect(isUnavailable(new Error('syntax error at or near "SELEC"'))).toBe(false);
});

test('a server that is not there makes a retryable error; a bad statement does not', async () => {
  const pool = new pg.Pool({ host: '127.0.0.1', port: await freePort(), user: 'x', database: 'x', connectionTimeoutMillis: 2_000 });
  await expect(retryingWhenUnavailable(() => pool.query('SELECT 1'))).rejects.toMatchObject({ retryable: true });
  await pool.end();
  await expect(retryingWhenUnavailable(async () => Promise.reject(withCode('42601', 'syntax error')))).rejects.not.toHaveProperty('retryable');
});
