/**
 * The shortest decimal that reads back as the same float32: network outputs are float32, and
 * their float64 expansion (0.8999999761581421) is noise to a reader of a CSV or a JSON line.
 */
export function float32Text(value: number): string {
  const single = Math.fround(value);
  if (!Number.isFinite(single)) return String(single);
  for (let digits = 1; digits < 9; digits++) {
    const text = single.toPrecision(digits);
    if (Math.fround(Number(text)) === single) return String(Number(text));
  }
  return String(Number(single.toPrecision(9)));
}
