/** Kubernetes resource quantities as numbers, to compare them (requests with limits, say). */

const SUFFIXES: Readonly<Record<string, number>> = {
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The quantity's value in base units (cores, bytes); the schema has already checked its form. */
export function quantityValue(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity;
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(quantity);
  if (match === null) return Number.NaN;
  return Number(match[1]) * (SUFFIXES[match[2]!] ?? Number.NaN);
}
