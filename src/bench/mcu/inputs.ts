/** Checks what runOnCortexM4 is given before anything is compiled. */
import { EdgeforgeError } from '../../errors.js';
import { DTYPES, type McuDtype } from './c-arrays.js';

const INTEGER_RANGE: Partial<Record<McuDtype, [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
};

/** Library file names become paths in a build folder: plain names only. */
const SAFE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function checkLibraryFiles(files: Record<string, string>, sources: string[], name: string): void {
  for (const source of sources) {
    if (!(source in files)) {
      throw new EdgeforgeError(`source '${source}' is not one of the library's files`, {
        file: name,
        place: 'options.sources',
        fix: `Name files of the library: ${Object.keys(files).join(', ')}`,
      });
    }
  }
  for (const file of Object.keys(files)) {
    if (!SAFE_FILE_NAME.test(file)) {
      throw new EdgeforgeError(`library file name '${file}' is not a plain file name`, {
        file: name,
        place: `file '${file}'`,
        fix: 'Name library files without folders, e.g. model.c and model.h',
      });
    }
  }
}

export function checkWindows(windows: ArrayLike<number>[], dtype: McuDtype, name: string): void {
  if (!(dtype in DTYPES)) {
    throw new EdgeforgeError(`unknown input dtype '${String(dtype)}'`, {
      file: name,
      fix: `Use one of ${Object.keys(DTYPES).join(', ')}`,
    });
  }
  if (windows.length === 0 || windows[0].length === 0) {
    throw new EdgeforgeError('no input windows to run', {
      file: name,
      fix: 'Pass at least one non-empty window',
    });
  }
  const range = INTEGER_RANGE[dtype];
  windows.forEach((window, index) => {
    if (window.length !== windows[0].length) {
      throw new EdgeforgeError(
        `window ${index} has ${window.length} values, window 0 has ${windows[0].length}`,
        {
          file: name,
          place: `input window ${index}`,
          fix: 'Give every window the model input length',
        },
      );
    }
    for (let i = 0; i < window.length; i++) {
      const value = window[i];
      const bad = range
        ? !Number.isInteger(value) || value < range[0] || value > range[1]
        : !Number.isFinite(value);
      if (bad) {
        throw new EdgeforgeError(`value ${value} is not a valid ${dtype}`, {
          file: name,
          place: `input window ${index}, element ${i}`,
          fix: range ? `Use integers in [${range[0]}, ${range[1]}]` : 'Use finite numbers',
        });
      }
    }
  });
}

export function checkOutputLength(length: number, name: string): void {
  if (!Number.isInteger(length) || length <= 0) {
    throw new EdgeforgeError(`output length ${length} is not a positive integer`, {
      file: name,
      place: 'options.output.length',
      fix: 'Pass the number of elements the library writes per inference',
    });
  }
}

/** A macro name with an optional plain value: what `-D` takes, and nothing that reads as another option. */
const DEFINE = /^[A-Za-z_]\w*(=[\w.+-]*)?$/;

export function checkDefines(defines: string[], name: string): void {
  for (const define of defines) {
    if (!DEFINE.test(define)) {
      throw new EdgeforgeError(`'${define}' is not a macro definition`, {
        file: name,
        place: 'options.defines',
        fix: 'Write NAME or NAME=value (letters, digits, underscores)',
      });
    }
  }
}
