/** The edgeforge runtime on the variant's .efg, one interpreter per batch size. */
import { FloatRunner } from '../../runtime/float-runner.js';
import { Interpreter } from '../../runtime/interpreter.js';
import { fileBytes, type Runner } from './context.js';
import { measureSession } from './js-session.js';

export const edgeforgeRunner: Runner = (context) =>
  measureSession(context, async () => {
    const { graph, variant } = context;
    const runners = new Map<number, FloatRunner>();
    const runnerFor = (batch: number): FloatRunner => {
      let runner = runners.get(batch);
      if (!runner)
        runners.set(batch, (runner = new FloatRunner(graph, { batch, source: variant.graphFile })));
      return runner;
    };
    return {
      file: variant.graphFile,
      modelBytes: await fileBytes(variant.graphFile),
      arenaBytes: new Interpreter(graph).arenaBytes,
      run(windows, count) {
        const runner = runnerFor(count);
        runner.input.set(windows);
        return runner.run();
      },
    };
  });
