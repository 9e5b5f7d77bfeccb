// Usage: npm run check:statements  — prints every problem in content/statements and exits 1 if any.
import { fileURLToPath } from 'node:url';
import { checkAllStatements } from '../content/statement-check.ts';

const problems = checkAllStatements(fileURLToPath(new URL('../content', import.meta.url)));
for (const p of problems) console.error(p);
console.log(problems.length === 0 ? 'statements: all 15 files are complete and every fact resolves' : `statements: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
