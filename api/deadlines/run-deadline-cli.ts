/**
 * The `deadline` command without the process around it: arguments and input text in, output text
 * and exit code out, so tests can run it in-process and cli.ts only wires up the streams.
 */
import { CONTROLLER_IDS, type ControllerId } from '../../content/schema.ts';
import { formatIsoDay, parseIsoDay, type DayNumber } from './calendar-day.ts';
import { computeLegalDeadline, FIRST_RECEIPT_DAY, LAST_RECEIPT_DAY } from './compute-legal-deadline.ts';
import { DEFAULT_SETTINGS, deadlineRulesFromSettings, getDeadlineRules, type DeadlineRules } from './get-deadline-rules.ts';

export const USAGE = `Usage: npm run -s deadline -- [--extended] [--controller ID] [DATE ...]

Prints the legal answer deadline (GDPR art. 12(3), counted as Regulation 1182/71 art. 3 says)
for each date of receipt, one per line, in the order given.

  DATE              a date of receipt as YYYY-MM-DD (the Brussels calendar date), 1970-2100.
                    Without DATE arguments, dates are read from standard input, one per line.
  --extended        the extended deadline: receipt + 3 months instead of 1.
  --controller ID   apply that controller's closing days (${CONTROLLER_IDS.join(', ')});
                    without it: weekends and Belgian public holidays only (11 July off).
  --help            this text.

A bad date (not YYYY-MM-DD, a day that does not exist, a year outside 1970-2100) prints nothing
on standard output and an error naming its line or argument number on standard error; the other
dates are still answered, and the exit code is then 2.

Example: npm run -s deadline -- 2025-01-31      prints 2025-02-28`;

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: 0 | 2;
}

interface Options {
  extended: boolean;
  rules: DeadlineRules;
  dates: { text: string; argNumber: number }[];
}

function parseArgs(args: readonly string[]): { ok: true; options: Options } | { ok: false; result: CliResult } {
  const usageError = (message: string): { ok: false; result: CliResult } => ({
    ok: false,
    result: { stdout: '', stderr: `deadline: ${message}\nRun with --help for usage.\n`, exitCode: 2 },
  });
  let extended = false;
  let controller: ControllerId | null = null;
  const dates: Options['dates'] = [];
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const argNumber = i + 1;
    if (optionsEnded || !arg.startsWith('-')) {
      dates.push({ text: arg, argNumber });
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg === '--help' || arg === '-h') {
      return { ok: false, result: { stdout: `${USAGE}\n`, stderr: '', exitCode: 0 } };
    } else if (arg === '--extended') {
      extended = true;
    } else if (arg === '--controller' || arg.startsWith('--controller=')) {
      const value = arg === '--controller' ? args[++i] : arg.slice('--controller='.length);
      const valueNumber = arg === '--controller' ? i + 1 : argNumber;
      if (value === undefined) return usageError(`argument ${argNumber}: --controller needs a controller id (${CONTROLLER_IDS.join(', ')})`);
      if (!(CONTROLLER_IDS as readonly string[]).includes(value)) {
        return usageError(`argument ${valueNumber}: unknown controller "${value}" (choose ${CONTROLLER_IDS.join(', ')})`);
      }
      controller = value as ControllerId;
    } else {
      return usageError(`argument ${argNumber}: unknown option "${arg}"`);
    }
  }
  const rules = controller ? getDeadlineRules(controller) : deadlineRulesFromSettings(DEFAULT_SETTINGS);
  return { ok: true, options: { extended, rules, dates } };
}

/** Why one input is not a receipt date, in words for standard error. */
function checkDate(text: string): { ok: true; day: DayNumber } | { ok: false; why: string } {
  const parsed = parseIsoDay(text);
  if (!parsed.ok) {
    return { ok: false, why: parsed.problem === 'format' ? 'is not a date: write it as YYYY-MM-DD' : 'is not a date that exists' };
  }
  if (parsed.day < FIRST_RECEIPT_DAY || parsed.day > LAST_RECEIPT_DAY) return { ok: false, why: 'is outside the years 1970-2100' };
  return { ok: true, day: parsed.day };
}

/**
 * Runs the command. `readInput` is called only when no dates were given as arguments.
 *
 * @example (await runDeadlineCli(['2025-01-31'], async () => '')).stdout // '2025-02-28\n'
 */
export async function runDeadlineCli(args: readonly string[], readInput: () => Promise<string>): Promise<CliResult> {
  const parsed = parseArgs(args);
  if (!parsed.ok) return parsed.result;
  const { extended, rules, dates } = parsed.options;

  let items: { text: string; label: string }[];
  if (dates.length > 0) {
    items = dates.map((d) => ({ text: d.text, label: `argument ${d.argNumber}` }));
  } else {
    const lines = (await readInput()).split('\n');
    // A final newline ends the last line; it does not start an empty one.
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    items = lines.map((line, i) => ({ text: line.trim(), label: `line ${i + 1}` }));
  }

  const out: string[] = [];
  const errors: string[] = [];
  const options = { extended };
  for (const { text, label } of items) {
    const checked = checkDate(text);
    if (!checked.ok) {
      errors.push(`deadline: ${label}: "${text}" ${checked.why}\n`);
      continue;
    }
    out.push(formatIsoDay(computeLegalDeadline(checked.day, rules, options)));
  }
  return {
    stdout: out.length > 0 ? `${out.join('\n')}\n` : '',
    stderr: errors.join(''),
    exitCode: errors.length > 0 ? 2 : 0,
  };
}
