import { distributionIndexUrl, instanceRoot } from './pulp-indexes.js';

test('a host is https, as the reference assumed; a URL keeps its scheme', () => {
  expect(instanceRoot('pulp.example')).toBe('https://pulp.example');
  expect(instanceRoot('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
});

test('a distribution’s Simple API is its base_url path on the instance, then simple', () => {
  const root = 'https://pulp.example';
  expect(distributionIndexUrl(root, 'https://content.example/pypi/team/')).toBe('https://pulp.example/pypi/team/simple');
  expect(distributionIndexUrl(root, 'https://content.example/pypi/team')).toBe('https://pulp.example/pypi/team/simple');
  expect(distributionIndexUrl(root, '/pypi/relative/')).toBe('https://pulp.example/pypi/relative/simple');
});
