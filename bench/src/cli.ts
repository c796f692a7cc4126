import { parseOptions } from './harness/options.js';
import { runBench } from './run.js';

const argv = process.argv.slice(2);
try {
  const options = parseOptions(argv);
  const { results } = await runBench(options, argv);
  // A missed target is a finding to report, not a failure of the run.
  if (results.length === 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
