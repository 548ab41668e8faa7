/**
 * npm run export: the year's applications as CSV files for the committee's spreadsheets
 * (columns in docs/matching.md). Thin entry over netlify/lib/matching/exportService.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSettings } from '../netlify/lib/config/loadSettings.ts';
import { commandRuntime, recordsStore } from '../netlify/lib/composition.ts';
import { parseOptions, runCommand, UsageError, yearArgument } from '../netlify/lib/matching/commandLine.ts';
import { checkExportFolder, exportYear } from '../netlify/lib/matching/exportService.ts';

const HELP = `Usage:
  npm run export -- --year 2026-2027 [--out .data/exports]

Writes <year>-mentors.csv and <year>-mentees.csv: one row per application of the year, read from
the records store (the private GitHub repository when RECORDS_REPO is set, otherwise the local
one in RECORDS_DIR, default .data/records). The files hold personal data: they go to a local
folder (default .data/exports, which git ignores) and never into the site's folders.
The columns are described in docs/matching.md.

Options:
  --year YYYY-YYYY   program year (default: the year applications are for, from settings)
  --out FOLDER       where to write the files (default .data/exports)
  --help             this text`;

await runCommand(async () => {
  const values = parseOptions<{ year?: string; out?: string }>({ year: { type: 'string' }, out: { type: 'string' } }, HELP);
  if (!values) return;
  const settings = await loadSettings();
  const runtime = commandRuntime();
  const year = yearArgument(values.year, settings.programYears.applications);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a folder, like --out .data/exports.');
  const folder = checkExportFolder(values.out ?? '.data/exports', process.cwd());
  const store = recordsStore(runtime);
  const { files, skipped } = await exportYear(store, year, settings);
  await mkdir(folder, { recursive: true });
  for (const file of files) {
    const path = join(folder, file.fileName);
    await writeFile(path, file.content, 'utf8');
    console.log(`${path}  (${file.rows} row${file.rows === 1 ? '' : 's'})`);
  }
  if (skipped > 0) console.log(`${skipped} application file${skipped === 1 ? '' : 's'} could not be read; npm run match lists them.`);
}, 'Run npm run export -- --help for the options.');
