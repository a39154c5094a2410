/**
 * Advice as text: the whole catalogue as one table (one row per device with its pick), or one
 * device's options with the recommendation's reasons and what the estimates rest on.
 */
import { textTable } from '../cli/format/table.js';
import { formatAccuracy, formatBytes, formatEnergy, formatLatency, formatShare } from './format.js';
import { describe, RUNTIME_LABELS } from './recommend.js';
import type { Advice, AdviceOption } from './types.js';

const DASH = '-';

function picked(advice: Advice): AdviceOption | undefined {
  const pick = advice.recommendation;
  return (
    pick &&
    advice.options.find((option) => option.variant === pick.variant && option.runtime === pick.runtime)
  );
}

export function catalogueTable(advices: Advice[]): string {
  const rows = advices.map((advice) => {
    const option = picked(advice);
    const fitting = advice.options.filter((entry) => entry.fit?.fits).length;
    return [
      advice.device.id,
      advice.device.class,
      option ? describe(option) : 'nothing fits',
      option?.latencyMs === undefined ? DASH : formatLatency(option.latencyMs),
      option?.energyMicrojoules === undefined ? DASH : formatEnergy(option.energyMicrojoules),
      option?.accuracy === undefined ? DASH : formatAccuracy(option.accuracy),
      `${fitting}/${advice.options.length}`,
    ];
  });
  const table = textTable(['device', 'class', 'recommended', 'latency', 'energy', 'accuracy', 'fit'], rows);
  const blocked = advices
    .filter((advice) => advice.nothingFits)
    .map((advice) => `${advice.device.id}: ${advice.nothingFits}`);
  const keep = formatShare(1 - (advices[0]?.headroom ?? 0));
  const footer = [
    'latency and energy are estimates (device power x estimated latency); sources in docs/devices.md;',
    `fit = options within ${keep} of RAM and flash / options; edgeforge advise RUN --device ID for the details`,
  ];
  return [table, ...(blocked.length > 0 ? ['', ...blocked] : []), '', ...footer].join('\n');
}

function optionRow(option: AdviceOption): string[] {
  const fit = option.fit;
  return [
    option.variant,
    RUNTIME_LABELS[option.runtime],
    fit ? (fit.fits ? 'yes' : 'no') : DASH,
    fit ? `${formatBytes(fit.ramBytes)} (${formatShare(fit.ramShare)})` : DASH,
    fit ? `${formatBytes(fit.flashBytes)} (${formatShare(fit.flashShare)})` : DASH,
    option.latencyMs === undefined ? DASH : formatLatency(option.latencyMs),
    option.energyMicrojoules === undefined ? DASH : formatEnergy(option.energyMicrojoules),
    option.accuracy === undefined ? DASH : formatAccuracy(option.accuracy),
    option.unavailable ?? option.discouraged ?? '',
  ];
}

export function deviceTable(advice: Advice): string {
  const header = ['variant', 'runtime', 'fits', 'RAM', 'flash', 'latency', 'energy', 'accuracy', 'note'];
  const table = textTable(header, advice.options.map(optionRow));
  const pick = advice.recommendation;
  const verdict = pick
    ? [`recommended: ${describe(pick)}`, ...pick.reasons.map((reason) => `  ${reason}`)]
    : [`nothing to recommend: ${advice.nothingFits ?? ''}`];
  return [
    advice.device.name,
    '',
    table,
    '',
    ...verdict,
    '',
    ...advice.notes.map((note) => `note: ${note}`),
  ].join('\n');
}
