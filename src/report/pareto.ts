/**
 * The Pareto front of "smaller is better" x against "larger is better" y: the points no
 * other point beats on both (at least as small and at least as good, better on one).
 */
export function paretoFront(points: readonly { x: number; y: number }[]): boolean[] {
  return points.map((point) =>
    points.every(
      (other) => !(other.x <= point.x && other.y >= point.y && (other.x < point.x || other.y > point.y)),
    ),
  );
}
