/** Units for advice sentences and tables: bytes, shares, latency and energy. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** 0.1234 → "12 %"; shares below 1 % keep one decimal, and tiny ones say so instead of "0.0 %". */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent > 0 && percent < 0.1) return '< 0.1 %';
  return percent < 1 ? `${percent.toFixed(1)} %` : `${Math.round(percent)} %`;
}

export function formatLatency(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatEnergy(microjoules: number): string {
  if (microjoules < 1000) return `${microjoules.toFixed(microjoules < 10 ? 2 : 1)} µJ`;
  if (microjoules < 1e6) return `${(microjoules / 1000).toFixed(2)} mJ`;
  return `${(microjoules / 1e6).toFixed(2)} J`;
}

/** Accuracy fraction as percent with one decimal: 0.8542 → "85.4 %". */
export function formatAccuracy(accuracy: number): string {
  return `${(accuracy * 100).toFixed(1)} %`;
}
