/** The commented starter config that `edgeforge init` writes. */
export function starterConfig(dataFile: string, synthesize: boolean): string {
  const synth = synthesize
    ? "  # Generates demo data into 'file' when it does not exist (remove for your own data):\n  synthesize: { layout: wide, rows: 6000, length: 64, seed: 42, difficulty: 0.5, classes: binary }\n"
    : '';
  return `# edgeforge pipeline config. Run it with: edgeforge run ${'<this file>'}
# Paths are relative to this file. Every field below except data.file has a default.
version: 1
name: my-model                 # outputs go to runs/<name> unless 'output' is set
# output: runs/my-model

data:
  file: ${dataFile}
${synth}  layout: auto                 # wide: one row = one sample; long: one row per time step; auto decides
  label: fault_label           # label column (integers or strings)
  ignore: [fault_name]         # columns that are neither features nor the label
  # group: recording_id        # recording/run id: windows never cross it and splits keep it whole
  # timestamp: timestamp
  # window: { length: 64, stride: 32, label: last }   # long layout only; label: last | majority
  clean:
    policy: drop               # missing/NaN/Inf/non-numeric cells: drop (the row) | interpolate | fill
    # fill: 0
  split:
    train: 0.7
    validation: 0.1
    test: 0.2
    seed: 42
    by: auto                   # auto: by recording when a group column exists | recording | sample
    # rules: [{ column: segment, values: [3], split: test }]
  scale:
    method: standard           # standard | minmax | robust | none (fitted on the training split only)
    per: feature               # feature (each column) | channel (each sensor channel)
  augment:                     # training split only
    copies: 1                  # extra noisy copies of each training sample
    noise: 0.1                 # gaussian sigma, in scaled units
    scale: 0                   # random amplitude factor in [1-scale, 1+scale]
    shift: 0                   # random time shift of up to this many steps
    balance: false             # oversample rare classes up to the largest
    seed: 42
`;
}
