/** The .onnx writer and its ONNX Runtime check. */
export { writeOnnx, writeOnnxFile, DEFAULT_OPSET, type OnnxWriteOptions } from './write-onnx.js';
export { verifyOnnx, ONNX_RUNTIME, type OnnxOptimization, type OnnxVerification } from './verify.js';
