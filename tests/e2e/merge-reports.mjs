// Merges Vitest JSON reports into one (testResults of every run, names tagged with the database),
// so CI counts each browser-test file once per database. A missing report counts as one failed suite.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const [out, ...inputs] = process.argv.slice(2);
const merged = { numTotalTestSuites: 0, numPassedTestSuites: 0, numFailedTestSuites: 0, numTotalTests: 0, numPassedTests: 0, numFailedTests: 0, success: true, testResults: [] };
for (const file of inputs) {
  const label = basename(file, '.json').replace(/^e2e-/, '');
  if (!existsSync(file)) {
    merged.testResults.push({ name: `${label}: no report (runner crashed)`, status: 'failed', message: `missing ${file}`, assertionResults: [] });
    merged.success = false;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of ['numTotalTestSuites', 'numPassedTestSuites', 'numFailedTestSuites', 'numTotalTests', 'numPassedTests', 'numFailedTests']) merged[key] += r[key] ?? 0;
  merged.success &&= r.success !== false;
  for (const t of r.testResults ?? []) merged.testResults.push({ ...t, name: `[${label}] ${t.name}` });
  if ((r.testResults ?? []).length === 0) {
    merged.testResults.push({ name: `${label}: no test files ran`, status: 'failed', message: 'empty report', assertionResults: [] });
    merged.success = false;
  }
}
writeFileSync(out, JSON.stringify(merged, null, 2));
const failed = merged.testResults.filter((t) => t.status !== 'passed').length;
console.log(`e2e: ${merged.testResults.length - failed} files passed, ${failed} failed -> ${out}`);
process.exit(failed > 0 ? 1 : 0);
