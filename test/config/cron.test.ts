import { cronScheduleProblem } from '../../src/config/cron.js';

describe('cronScheduleProblem', () => {
  test.each([
    '@hourly',
    '@daily',
    '@weekly',
    '@monthly',
    '@yearly',
    '@annually',
    '@midnight',
    '0 */1 * * *',
    '0 2 * * MON',
    '*/15 0-6 1,15 * 1-5',
    '0 0 * * 7',
  ])('accepts %s', (schedule) => {
    expect(cronScheduleProblem(schedule)).toBeUndefined();
  });

  test.each([
    ['', 'it has 0 fields, a Kubernetes schedule has 5'],
    ['0 0 * * * *', 'it has 6 fields, a Kubernetes schedule has 5'],
    ['@every 5m', 'unknown macro @every 5m'],
    ['*/61 * * * *', 'step /61 in the minute field is outside 1-59'],
    ['0 */0 * * *', 'step /0 in the hour field is outside 1-23'],
    ['61 * * * *', 'got value 61 expected range 0-59'],
    ['0 25 * * *', 'got value 25 expected range 0-23'],
    ['0 0 32 * *', 'got value 32 expected range 1-31'],
    ['0 0 * 13 *', 'got value 13 expected range 1-12'],
    ['a b c d e', 'the minute field "a" is not supported by Kubernetes: use numbers, *, ",", "-", "/" and month or day names'],
    ['0 0 L * *', 'the day of month field "L" is not supported by Kubernetes: use numbers, *, ",", "-", "/" and month or day names'],
    ['0 0 * * 5#2', 'the day of week field "5#2" is not supported by Kubernetes: use numbers, *, ",", "-", "/" and month or day names'],
    ['H * * * *', 'the minute field "H" is not supported by Kubernetes: use numbers, *, ",", "-", "/" and month or day names'],
    [' @hourly', 'it has spaces around it; remove them'],
  ])('rejects %j: %s', (schedule, problem) => {
    expect(cronScheduleProblem(schedule)).toBe(problem);
  });
});
