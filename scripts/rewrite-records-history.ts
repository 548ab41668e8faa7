/**
 * npm run rewrite-records-history: drops files deleted before a date (erasures, expired years)
 * from every commit of a clone of the records repository, with git filter-repo, and with --push
 * force-pushes the rewritten branches and tags. docs/privacy.md, "History", says when and what next.
 */
import { commandRunner, parseOptions, UsageError } from '../netlify/lib/commandLine.ts';
import { rewriteRecordsHistory } from '../netlify/lib/privacy/rewriteHistory.ts';

const HELP = `Usage:
  git clone --mirror https://github.com/OWNER/RECORDS.git records-rewrite.git
  npm run rewrite-records-history -- --before YYYY-MM-DD --clone records-rewrite.git --dry-run
  npm run rewrite-records-history -- --before YYYY-MM-DD --clone records-rewrite.git [--push]

Files deleted from the records by commits dated before --before (erasures, years past their
retention) are removed from every commit, branch and tag of the clone. A file deleted but written
again since is kept. Without --push only the clone changes; check it, then run again with --push
(or push it yourself) to replace GitHub's history. Needs git filter-repo
(Debian: apt-get install git-filter-repo). Prints record paths (ids), never contents.

Afterwards follow GitHub's checklist in docs/privacy.md (support request for cached views and
pull request refs, everyone re-clones).

Options:
  --before YYYY-MM-DD   drop files deleted before this day (UTC)
  --clone DIR           a fresh clone of the records repository (git clone --mirror)
  --push                force-push the rewritten branches and tags to the clone's origin
  --dry-run             list what would be dropped; change nothing
  --help                this text`;

await commandRunner(['RewriteError'])(async () => {
  const values = parseOptions<{ before?: string; clone?: string; push?: boolean; 'dry-run'?: boolean }>(
    { before: { type: 'string' }, clone: { type: 'string' }, push: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    HELP,
  );
  if (!values) return;
  if (!values.before) throw new UsageError('--before is required: the day before which deleted files are dropped, as YYYY-MM-DD.');
  if (!values.clone) throw new UsageError('--clone is required: a fresh clone of the records repository (git clone --mirror).');
  if (values.push && values['dry-run']) throw new UsageError('--push and --dry-run do not go together.');
  const result = await rewriteRecordsHistory({ before: values.before, clone: values.clone, push: values.push ?? false, dryRun: values['dry-run'] ?? false });
  for (const path of result.dropped) console.log(`${values['dry-run'] ? 'would drop' : 'dropped'} ${path}`);
  for (const path of result.kept) console.log(`kept (written again since) ${path}`);
  if (!values['dry-run'] && result.dropped.length > 0 && !result.pushed) console.log('Nothing was pushed. Check the clone, then run again with --push.');
}, 'Run npm run rewrite-records-history -- --help for the options.');
