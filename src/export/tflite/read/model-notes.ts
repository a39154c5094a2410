/**
 * Facts about a .tflite file kept in the graph's metadata notes: the schema version, each
 * operator's TFLite version, the converter's minimum runtime version and description, and
 * the signature names.
 */
import { builtinOperatorName, CUSTOM_OPERATOR_CODE } from '../builtin-ops.js';
import type { FlatBuffer } from '../schema/flat-buffer.js';
import type { TfliteModel } from '../schema/model.js';

export function modelNotes(file: FlatBuffer, model: TfliteModel): Record<string, string | number> {
  const notes: Record<string, string | number> = { 'tflite.schema_version': model.version };
  const versions = new Set(
    model.subgraphs[0]!.operators.map((operator) => {
      const code = model.operatorCodes[operator.opcodeIndex]!;
      const name =
        code.builtinCode === CUSTOM_OPERATOR_CODE
          ? (code.customCode ?? 'custom')
          : builtinOperatorName(code.builtinCode);
      return `${name} v${code.version}`;
    }),
  );
  notes['tflite.op_versions'] = [...versions].join(', ');
  const runtime = model.metadata.find((entry) => entry.name === 'min_runtime_version');
  if (runtime !== undefined)
    notes['tflite.min_runtime_version'] = metadataString(file, model, runtime.buffer);
  if (model.description !== undefined) notes['tflite.description'] = model.description;
  if (model.signatures.length > 0) {
    notes['tflite.signatures'] = model.signatures.map((signature) => signature.key).join(', ');
  }
  return notes;
}

/** A metadata buffer holding text, NUL-padded. */
function metadataString(file: FlatBuffer, model: TfliteModel, buffer: number): string {
  const bytes = model.buffers[buffer];
  if (bytes === undefined) {
    file.fail(
      'model.metadata',
      `metadata buffer ${buffer} does not exist (the model has ${model.buffers.length})`,
    );
  }
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end));
}
