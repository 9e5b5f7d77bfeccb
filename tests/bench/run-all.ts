/**
 * `npm run bench`: runs every benchmark and writes tests/bench/REPORT.md with the machine, the
 * date and each figure beside its baseline from the same run. Figures, not pass/fail: a slow
 * machine gives slower numbers, and the ratios say how the portal compares with its floor.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatDeadlineBench, runDeadlineBench } from './deadlines.ts';
import { dpoBenchMarkdown, runDpoBench } from './dpo.ts';
import { intakeBenchesMarkdown, runIntakeBenches } from './intake.ts';
import { runSiteBench, siteBenchMarkdown } from './site.ts';
import { runTwoInstanceBench, twoInstanceBenchMarkdown } from './two-instances.ts';

const started = performance.now();
const sections: string[] = [];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
sections.push(
  `# Benchmark report\n\nMade by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Every figure comes with its baseline from the same run.`,
);

console.error('bench: site (build, page weight, serving)…');
sections.push(`## Statement pages\n\n${siteBenchMarkdown(await runSiteBench())}`);
console.error('bench: deadlines…');
sections.push(`## Deadlines\n\n${formatDeadlineBench(await runDeadlineBench())}`);
console.error('bench: intake…');
sections.push(`## Intake\n\n${intakeBenchesMarkdown(await runIntakeBenches())}`);
console.error('bench: DPO workspace (100,000 requests)…');
sections.push(`## DPO workspace: request list and overview\n\n${dpoBenchMarkdown(await runDpoBench())}`);
console.error('bench: two instances on one database…');
sections.push(`## Two instances on one database\n\n${twoInstanceBenchMarkdown(await runTwoInstanceBench())}`);
sections.push(`Whole run: ${((performance.now() - started) / 1000).toFixed(0)} s.`);

const report = `${sections.join('\n\n')}\n`;
writeFileSync(fileURLToPath(new URL('./REPORT.md', import.meta.url)), report);
console.log(report);

// The report is written. What is still open now has nothing left to do (seen: the receipt
// worker's MessagePort from the in-process DPO benchmark, tsx's esbuild service): name it, end.
const lingering = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
if (lingering.length > 0) console.error(`bench: ending with open handles: ${lingering.join(', ')}`);
process.exit(0);
