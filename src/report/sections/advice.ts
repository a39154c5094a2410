/**
 * The advisor's table: for every catalogue device, what fits, its estimated latency and
 * energy, and the recommended variant and runtime with reasons (src/advise over bench.json).
 */
import { formatEnergy, RUNTIME_LABELS, type Advice, type AdviceOption } from '../../advise/index.js';
import type { BenchResults } from '../../bench/results.js';
import { stageNotRun, type ReportSection } from '../document.js';
import { bytes, MISSING, milliseconds, percent } from '../format.js';

const ID = 'advice';
const TITLE = 'Platform advice';

export function energy(microjoules: number | undefined): string {
  return microjoules === undefined ? MISSING : formatEnergy(microjoules);
}

function fitText(option: AdviceOption): string {
  if (!option.fit) return MISSING;
  const { fit } = option;
  return (
    `${fit.fits ? 'fits' : 'does not fit'}: RAM ${bytes(fit.ramBytes)} of ${bytes(fit.ramBudgetBytes)}, ` +
    `flash ${bytes(fit.flashBytes)} of ${bytes(fit.flashBudgetBytes)}`
  );
}

function recommendationRow(advice: Advice): string[] {
  const device = [advice.device.name, advice.device.class];
  const picked = advice.recommendation;
  if (!picked) return [...device, 'nothing fits', MISSING, MISSING, MISSING, advice.nothingFits ?? MISSING];
  const option = advice.options.find((o) => o.variant === picked.variant && o.runtime === picked.runtime);
  return [
    ...device,
    `${picked.variant} with ${RUNTIME_LABELS[picked.runtime]}`,
    milliseconds(option?.latencyMs),
    energy(option?.energyMicrojoules),
    percent(option?.accuracy),
    picked.reasons.join(' '),
  ];
}

function optionRow(advice: Advice, option: AdviceOption): string[] {
  return [
    advice.device.name,
    option.variant,
    RUNTIME_LABELS[option.runtime],
    fitText(option),
    milliseconds(option.latencyMs),
    energy(option.energyMicrojoules),
    percent(option.accuracy),
    [option.unavailable, option.discouraged, option.basis].filter((part) => part !== undefined).join('; ') ||
      MISSING,
  ];
}

export function adviceSection(
  bench: BenchResults | undefined,
  advice: Advice[] | undefined,
  file: string,
): ReportSection {
  if (!bench || !advice) return stageNotRun(ID, TITLE, file, 'bench');
  return {
    id: ID,
    title: TITLE,
    ran: true,
    notes: [
      'Estimates for each device of the catalogue (docs/devices.md) from the measurements above: microcontrollers from the ' +
        'emulated Cortex-M4 instruction count at the device clock, application processors from host latency scaled by a ' +
        'documented speed factor. Energy is active power × estimated latency, an estimate; each device’s sources are listed below.',
    ],
    tables: [
      {
        caption: 'Recommendation per device',
        columns: ['device', 'class', 'recommended', 'est. latency', 'est. energy', 'accuracy', 'why'],
        rows: advice.map(recommendationRow),
      },
      {
        caption: 'Every option per device',
        columns: [
          'device',
          'variant',
          'runtime',
          'memory',
          'est. latency',
          'est. energy',
          'accuracy',
          'basis',
        ],
        rows: advice.flatMap((a) => a.options.map((option) => optionRow(a, option))),
      },
      {
        caption: 'What the estimates rest on',
        columns: ['device', 'basis'],
        rows: advice.map((a) => [a.device.name, a.notes.join(' ')]),
      },
    ],
    charts: [],
  };
}
