import { UsageError } from '../../errors.js';

/** Rules a numeric training setting can be held to; the key is also the message text. */
const settingRules = {
  'a finite number >= 0': (value: number) => Number.isFinite(value) && value >= 0,
  'a finite number > 0': (value: number) => Number.isFinite(value) && value > 0,
  'in [0, 1)': (value: number) => value >= 0 && value < 1,
  'in [0, 1]': (value: number) => value >= 0 && value <= 1,
  'in (0, 1)': (value: number) => value > 0 && value < 1,
  'an integer >= 0': (value: number) => Number.isInteger(value) && value >= 0,
  'an integer >= 1': (value: number) => Number.isInteger(value) && value >= 1,
} satisfies Record<string, (value: number) => boolean>;

export type SettingRule = keyof typeof settingRules;

/** Returns `value` when it obeys `rule`; otherwise a usage error naming the setting. */
export function checkSetting(place: string, value: number, rule: SettingRule): number {
  if (!settingRules[rule](value)) {
    throw new UsageError(`${value} is not ${rule}`, { place, fix: `Use a value that is ${rule}` });
  }
  return value;
}
