import { type PackageIndex, recordableVersions, warehouseProjectUrl, warehouseReleases } from './releases.js';

const index = (url: string, warehouseApiUrl?: string): PackageIndex => ({ id: 1, url, warehouseApiUrl, onlyIfPackageSeen: true });
const WAREHOUSES = ['https://pypi.python.org/simple', 'https://pypi.org/simple'];

test('a warehouse answers the JSON API: its row’s URL, or beside /simple for the listed ones', () => {
  expect(warehouseProjectUrl(index('https://pypi.org/simple'), WAREHOUSES, 'Flask_SQLAlchemy')).toBe('https://pypi.org/pypi/flask-sqlalchemy/json');
  expect(warehouseProjectUrl(index('https://mirror.example/simple', 'https://mirror.example/api/'), WAREHOUSES, 'six')).toBe(
    'https://mirror.example/api/six/json',
  );
  expect(warehouseProjectUrl(index('https://tensorflow.example/simple'), WAREHOUSES, 'six')).toBeUndefined();
});

test('releases with files; normal forms, once', () => {
  expect(warehouseReleases({ releases: { '1.0': [{}], '1.1': [], '2.0rc1': [{}, {}] } })).toEqual(['1.0', '2.0rc1']);
  expect(warehouseReleases({})).toEqual([]);
  expect(warehouseReleases(null)).toEqual([]);
  expect(recordableVersions(['1.0.0', '1.0.0', '2.0RC1', 'v3', ' 4 '])).toEqual(['1.0.0', '2.0rc1', '3', '4']);
});
