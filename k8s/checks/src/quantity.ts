const SUFFIXES: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** A Kubernetes resource quantity ("128Mi", "50m", "1", 2) in base units (bytes, cores). */
export function parseQuantity(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity;
  const match = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!match) throw new Error(`expected a Kubernetes quantity such as 128Mi or 250m; got ${JSON.stringify(quantity)}`);
  return Number(match[1]) * SUFFIXES[match[2] ?? '']!;
}

export const MIB = 2 ** 20;
export const GIB = 2 ** 30;
