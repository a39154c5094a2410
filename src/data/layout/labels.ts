/**
 * Label text -> class id. Ids are handed out in order of first appearance while the file
 * streams, then renumbered at the end so classes are sorted naturally (numbers numerically,
 * text alphabetically), which makes the class map the same whatever the row order.
 */

import { Interner } from './interner.js';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Natural order: numeric labels by value and before text; text case-insensitively, then by code unit. */
export function compareLabels(a: string, b: string): number {
  const aNumeric = NUMBER.test(a);
  const bNumeric = NUMBER.test(b);
  if (aNumeric && bNumeric) {
    const difference = Number(a) - Number(b);
    if (difference !== 0) return difference;
  } else if (aNumeric !== bNumeric) {
    return aNumeric ? -1 : 1;
  } else {
    const aLower = a.toLowerCase();
    const bLower = b.toLowerCase();
    if (aLower !== bLower) return aLower < bLower ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Provisional ids (from Interner.id) are in first-appearance order until finish() sorts them. */
export class LabelMap extends Interner {
  /** Of two provisional ids, the one whose class id will be lower once classes are sorted. */
  lower(a: number, b: number): number {
    return compareLabels(this.names[a], this.names[b]) <= 0 ? a : b;
  }

  /**
   * Sorted class names and, per provisional id, its final class id. Only labels some sample
   * carries become classes (a label seen only on dropped rows would be a class without data).
   */
  finish(sampleLabels: Int32Array): { classes: string[]; finalId: Int32Array } {
    const used = new Uint8Array(this.names.length);
    for (let i = 0; i < sampleLabels.length; i++) used[sampleLabels[i]] = 1;
    const order = this.names
      .map((_, id) => id)
      .filter((id) => used[id] === 1)
      .sort((a, b) => compareLabels(this.names[a], this.names[b]));
    const finalId = new Int32Array(this.names.length).fill(-1);
    order.forEach((provisional, final) => {
      finalId[provisional] = final;
    });
    return { classes: order.map((id) => this.names[id]), finalId };
  }
}
