/** The C generator: deploy graph -> self-contained C99 library (see generate.ts). */
export { generateC, type GenerateCOptions, type GeneratedC } from './generate.js';
export { writeCLibrary } from './write.js';
