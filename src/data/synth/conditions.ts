import type { Random } from '../../util/random.js';

/** Machine conditions in label order: the multiclass label is the index. */
export const CONDITIONS = ['healthy', 'inner_race', 'outer_race', 'ball'] as const;
export type Condition = (typeof CONDITIONS)[number];
export type FaultKind = Exclude<Condition, 'healthy'>;

export type ClassScheme = 'binary' | 'multiclass';

/** Class names for the label column, indexed by label value. */
export function classNames(scheme: ClassScheme): string[] {
  return scheme === 'binary' ? ['healthy', 'fault'] : [...CONDITIONS];
}

export function labelOf(condition: Condition, scheme: ClassScheme): number {
  if (scheme === 'binary') return condition === 'healthy' ? 0 : 1;
  return CONDITIONS.indexOf(condition);
}

/**
 * Deals conditions from shuffled decks so every class stays balanced even in small
 * tables: binary decks hold three healthy cards and one of each fault (half the
 * rows faulty), multiclass decks one card of each condition.
 */
export class ConditionDealer {
  private readonly deck: Condition[];
  private position: number;

  constructor(
    scheme: ClassScheme,
    private readonly random: Random,
  ) {
    this.deck =
      scheme === 'binary'
        ? ['healthy', 'healthy', 'healthy', 'inner_race', 'outer_race', 'ball']
        : [...CONDITIONS];
    this.position = this.deck.length;
  }

  next(): Condition {
    if (this.position === this.deck.length) {
      this.random.shuffle(this.deck);
      this.position = 0;
    }
    return this.deck[this.position++];
  }
}
