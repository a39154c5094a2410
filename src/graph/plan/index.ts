export { planMemory, DEFAULT_ALIGNMENT } from './plan-memory.js';
export { scratchBytes } from './scratch.js';
export type { MemoryPlan, PlanEntry, PlanOptions, ScratchEntry, VariableEntry } from './types.js';
