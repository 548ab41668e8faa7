/**
 * Turns bench/results.json into docs/benchmarks.md: the machine, versions and date, each figure
 * with its baseline beside it, the targets with pass or fail, and the previous run's headline
 * figures for comparison. Figures that were not measured are said to be missing, never filled.
 */
import type { BuildTimeResult } from './buildTime.ts';
import type { DeveloperLoopResult } from './developerLoop.ts';
import type { LighthousePageResult } from './lighthouse.ts';
import type { MatchingBenchmark } from './matchingBenchmark.ts';
import { CATEGORIES } from './lighthouse.ts';
import type { Weight } from './lib/pageWeights.ts';
import type { StartCyclesResult } from './startCycles.ts';
import type { WorkspaceResult } from './workspace.ts';

/** What `npm run bench` measures when no --only is given (startcycles runs only when named: it takes minutes). */
export const PHASES = ['site', 'lighthouse', 'submissions', 'burst', 'matching', 'builds', 'devloop', 'mailing', 'workspace'] as const;
export const OPTIONAL_PHASES = ['startcycles'] as const;

interface Section {
  measuredAt: string;
}

export interface Results {
  date: string;
  durationS?: number;
  budgetS?: number;
  phasesRun?: string[];
  /** The last run of every phase together: when, how long, how busy the machine was. */
  fullRun?: { date: string; durationS: number; loadAverageAtStart: number };
  machine: { cpuModel: string; cores: number; memoryGiB: number; freeMemoryGiB: number; loadAverage1m: number; platform: string };
  versions: { node: string; astro: string; chromium: string; lighthouse: string; pagefind: string };
  loadAverage: Array<{ phase: string; at: string; elapsedS: number; loadAverage1m: number }>;
  lighthouse?: Section & { runs: number; pages: LighthousePageResult[]; baseline: LighthousePageResult };
  bytes?: Section & {
    pageTypes: Array<{ type: string; pages: number; example: string; html: Weight; css: Weight; js: Weight; scriptElements: number }>;
    forms: Array<{ path: string; html: Weight; css: Weight; js: Weight }>;
    baselineTopic: { path: string; html: Weight; css: Weight; js: Weight };
    searchRuntime: Weight & { files: string[] };
    contentPagesWithScript: string[];
    siteBuildMs: number;
  };
  buildTime?: Section & BuildTimeResult;
  submissions?: Section & {
    handler: {
      submissions: number;
      p50Ms: number;
      p95Ms: number;
      rawP50Ms: number;
      serverDelayPerSubmissionMs: number;
      statuses: Record<string, number>;
      sequentialPerSecond: number;
    };
    baselineSdkPut: { requests: number; p50Ms: number; p95Ms: number };
    concurrent: { submissions: number; inFlight: number; wallMs: number; perSecond: number; statuses: Record<string, number>; stored: number; duplicated: number };
    faults: {
      injected: string;
      sent: number;
      statuses: Record<string, number>;
      storedBeforeDrain: number;
      queuedBeforeDrain: number;
      stored: number;
      duplicated: number;
      equal: boolean;
      drain: { ms: number };
    };
    putLatencyMs: number;
  };
  burst?: Section & {
    sent: number;
    limit: string;
    arrivalWindowMs: number;
    burstWallMs: number;
    handlerP50Ms: number;
    handlerP95Ms: number;
    statuses: Record<string, number>;
    storedAtOnce: number;
    queued: number;
    storedOrQueued: number;
    lost: number;
    drains: Array<{ recordsCommitted: number; recordsAlreadyStored: number; recordsStillHeld: number; ms: number }>;
    drainWallMs: number;
    stored: number;
    duplicated: number;
    allCommitted: boolean;
    writesRefusedByLimit: number;
  };
  mailing?: Section & {
    sizes: Array<{
      pairs: number;
      people: number;
      status: string;
      emails: number;
      apiCalls: number;
      batchCalls: number;
      rateLimitedCalls: number;
      wallMs: number;
      floorMs: number;
      wallOverFloor: number;
      recordsWrites: number;
      recordsRequests?: number;
      rerun: { status: string; wallMs: number; apiCalls: number; emails: number };
      duplicatedEmails: number;
      everyoneOnce: boolean;
    }>;
  };
  matching?: Section & {
    sizes: Array<MatchingBenchmark & { baselineScoreAllPairsMs: number; targetMs: number | null }>;
  };
  developerLoop?: Section & DeveloperLoopResult;
  startCycles?: Section & StartCyclesResult;
  workspace?: Section & WorkspaceResult;
  headline: Record<string, number>;
  previousHeadline: Record<string, number>;
}

const kb = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`);
const both = (weight: Weight) => `${kb(weight.raw)} / ${kb(weight.gzip)}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : 1)} s`;
const minutes = (s: number) => `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
const msText = (ms: number) => (ms >= 10_000 ? seconds(ms) : `${Math.round(ms * 10) / 10} ms`);
const passFail = (pass: boolean | null) => (pass === null ? 'not measured' : pass ? '**pass**' : '**FAIL**');
const dateOf = (section: Section | undefined) => (section ? `${section.measuredAt.slice(0, 16).replace('T', ' ')} UTC` : '');
const statusText = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .map(([status, count]) => `${count}× ${status}`)
    .join(', ');

interface Target {
  figure: string;
  value: string;
  baseline: string;
  target: string;
  pass: boolean | null;
  key: string;
  number: number | null;
}

/** Hand-written findings (bench/notes.md), dated by their author, appended to the report. */
export function renderReport(results: Results, notes = ''): { markdown: string; headline: Record<string, number>; summary: string[] } {
  const targets: Target[] = [];
  const missing: string[] = [];
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);

  // ----- targets -----
  const lh = results.lighthouse;
  if (lh) {
    for (const page of lh.pages) {
      const below = CATEGORIES.filter((category) => (page.median[category] ?? 0) < 100);
      targets.push({
        figure: `Lighthouse ${page.label} (${page.path})`,
        value: CATEGORIES.map((category) => page.median[category] ?? '–').join(' / '),
        baseline: CATEGORIES.map((category) => lh.baseline.median[category] ?? '–').join(' / '),
        target: '100 / 100 / 100 / 100',
        pass: below.length === 0,
        key: `lighthouse.${page.path}.performance`,
        number: page.median.performance ?? null,
      });
    }
  } else missing.push('Lighthouse');
  const bytes = results.bytes;
  if (bytes) {
    targets.push({
      figure: 'JavaScript on content pages (archive’s search aside)',
      value: bytes.contentPagesWithScript.length ? bytes.contentPagesWithScript.join(', ') : 'none',
      baseline: kb(bytes.baselineTopic.js.gzip),
      target: 'none',
      pass: bytes.contentPagesWithScript.length === 0,
      key: 'bytes.contentPagesWithScript',
      number: bytes.contentPagesWithScript.length,
    });
    const heaviest = bytes.forms.reduce((best, form) => (form.js.gzip > best.js.gzip ? form : best));
    targets.push({
      figure: 'JavaScript on a form page (gzip, heaviest)',
      value: `${kb(heaviest.js.gzip)} (${heaviest.path})`,
      baseline: '–',
      target: '≤ 15 KB',
      pass: bytes.forms.every((form) => form.js.gzip <= 15 * 1024),
      key: 'bytes.formJsGzip',
      number: heaviest.js.gzip,
    });
  } else missing.push('bytes shipped');
  const build = results.buildTime;
  if (build) {
    targets.push({
      figure: 'Build time at 1,000 topics, ratio to baseline',
      value: build.ratioAt1000 === null ? 'not measured' : `${build.ratioAt1000}×`,
      baseline: '1×',
      target: '≤ 1.5×',
      pass: build.ratioAt1000 === null ? null : build.ratioAt1000 <= 1.5,
      key: 'build.ratioAt1000',
      number: build.ratioAt1000,
    });
    // A baseline slope at or below zero means noise outweighed the cost of topics: no ratio.
    const slopeKnown = build.baselineSlopeMsPerTopic > 0;
    targets.push({
      figure: 'Build cost per added topic, ratio to baseline',
      value: slopeKnown
        ? `${build.slopeRatio}× (${build.realSlopeMsPerTopic} ms/topic)`
        : `not determinable: baseline slope ${build.baselineSlopeMsPerTopic} ms/topic (real ${build.realSlopeMsPerTopic} ms/topic)`,
      baseline: `${build.baselineSlopeMsPerTopic} ms/topic`,
      target: '≤ 1.3×',
      pass: slopeKnown ? build.slopeRatio <= 1.3 : null,
      key: 'build.slopeRatio',
      number: slopeKnown ? build.slopeRatio : null,
    });
  } else missing.push('build time');
  const sub = results.submissions;
  if (sub) {
    targets.push({
      figure: 'Submissions under conflicts and 5xx: stored = sent',
      value: `${sub.faults.stored} of ${sub.faults.sent} stored, ${sub.faults.duplicated} duplicated`,
      baseline: '–',
      target: 'equal, no duplicate',
      pass: sub.faults.equal,
      key: 'submissions.faultsStored',
      number: sub.faults.stored,
    });
  } else missing.push('submissions (handler time, throughput, faults)');
  const burst = results.burst;
  if (burst) {
    targets.push({
      figure: `Burst of ${burst.sent} in one minute at 80 writes/min: stored or queued`,
      value: `${burst.storedOrQueued} of ${burst.sent} (${burst.lost} lost)`,
      baseline: '–',
      target: 'all',
      pass: burst.lost === 0,
      key: 'burst.lost',
      number: burst.lost,
    });
    targets.push({
      figure: 'Burst: committed once after the drain',
      value: `${burst.stored} of ${burst.sent}, ${burst.duplicated} duplicated`,
      baseline: '–',
      target: 'all, once',
      pass: burst.allCommitted,
      key: 'burst.stored',
      number: burst.stored,
    });
  } else missing.push('burst and drain');
  const mailing = results.mailing;
  if (mailing) {
    for (const size of mailing.sizes) {
      targets.push({
        figure: `Mailing ${size.pairs.toLocaleString('en')} pairs: duplicates on a re-run`,
        value: `${size.rerun.emails + size.duplicatedEmails} (re-run sent ${size.rerun.emails})`,
        baseline: '–',
        target: '0',
        pass: size.rerun.emails === 0 && size.duplicatedEmails === 0 && size.everyoneOnce,
        key: `mailing.${size.pairs}.duplicates`,
        number: size.rerun.emails + size.duplicatedEmails,
      });
    }
  } else missing.push('mailing (netlify/lib/mailing)');
  const matching = results.matching;
  if (matching) {
    const mid = matching.sizes.find((size) => size.mentees === 500 && size.mentors === 300);
    targets.push({
      figure: 'Matching 500×300',
      value: mid ? `${mid.engineMs} ms` : 'not measured',
      baseline: mid ? `${mid.baselineScoreAllPairsMs} ms (score every pair once)` : '–',
      target: '< 1,000 ms',
      pass: mid ? mid.engineMs < 1000 : null,
      key: 'matching.500x300.ms',
      number: mid?.engineMs ?? null,
    });
  } else missing.push('matching');

  const loop = results.developerLoop;
  if (loop) {
    const served = (start: DeveloperLoopResult['coldStart']) => `${seconds(start.servedMs)} (program page ${seconds(start.readyMs)})`;
    targets.push(
      {
        figure: '`npm start` cold: site, forms with their functions and /admin/ served',
        value: served(loop.coldStart),
        baseline: `${seconds(loop.baseline.coldStartMs)} (bare \`astro dev\`)`,
        target: '≤ 20 s',
        pass: loop.coldStart.servedMs <= 20_000,
        key: 'devloop.coldServedMs',
        number: loop.coldStart.servedMs,
      },
      {
        figure: '`npm start` warm: the same',
        value: served(loop.warmStart),
        baseline: `${seconds(loop.baseline.warmStartMs)} (bare \`astro dev\`)`,
        target: '≤ 10 s',
        pass: loop.warmStart.servedMs <= 10_000,
        key: 'devloop.warmServedMs',
        number: loop.warmStart.servedMs,
      },
      {
        figure: 'First function call after ready (cold start)',
        value: msText(loop.firstFunctionMs.cold),
        baseline: '–',
        target: '≤ 3 s',
        pass: loop.firstFunctionMs.cold <= 3_000 && loop.firstFunctionMs.warm <= 3_000,
        key: 'devloop.firstFunctionColdMs',
        number: loop.firstFunctionMs.cold,
      },
    );
  } else missing.push('developer loop');
  const cycles = results.startCycles;
  if (cycles) {
    targets.push({
      figure: `Start/stop cycles of \`npm start\` with .data/ in use, each serving the forms and the CMS`,
      value: `${cycles.passed} of ${cycles.cycles}`,
      baseline: '–',
      target: 'all',
      pass: cycles.passed === cycles.cycles && cycles.cycles >= 20,
      key: 'startcycles.failed',
      number: cycles.cycles - cycles.passed,
    });
  }

  const workspace = results.workspace;
  if (workspace) {
    const measured = workspace.pages.filter((page) => page.p95Ms !== null);
    const slowest = measured.reduce<(typeof measured)[number] | null>((worst, page) => (worst === null || page.p95Ms! > worst.p95Ms! ? page : worst), null);
    targets.push({
      figure: `Committee workspace, slowest page (${workspace.applications} applications, ${workspace.pairs} pairs, GitHub ${workspace.latencyMs} ms a request)`,
      value: slowest ? `${slowest.p95Ms} ms p95 (${slowest.path})` : 'not measured',
      baseline: '–',
      target: `≤ ${workspace.targetP95Ms.toLocaleString('en')} ms p95`,
      pass: slowest ? measured.every((page) => page.p95Ms! <= workspace.targetP95Ms && page.status === 200) : null,
      key: 'workspace.slowestP95Ms',
      number: slowest?.p95Ms ?? null,
    });
  } else missing.push('committee workspace');

  const headline: Record<string, number> = {};
  for (const target of targets) if (target.number !== null) headline[target.key] = target.number;
  if (sub) Object.assign(headline, { 'submissions.p50Ms': sub.handler.p50Ms, 'submissions.p95Ms': sub.handler.p95Ms });
  if (mailing) for (const size of mailing.sizes) headline[`mailing.${size.pairs}.wallMs`] = size.wallMs;
  if (build) for (const size of build.sizes) headline[`build.${size.topics}.realMs`] = size.realMedianMs;
  const previousOf = (key: string) => (key in results.previousHeadline ? String(results.previousHeadline[key]) : '–');

  // ----- document -----
  const { machine, versions } = results;
  add(
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${results.date.slice(0, 16).replace('T', ' ')} UTC. Do not edit by hand: run \`npm run bench\` again. How each figure is measured and why: [ADR 0007](adr/0007-benchmarks.md). The raw figures, every run included, are in \`bench/results.json\`.`,
    '',
    results.fullRun
      ? `Last run of all phases together: ${results.fullRun.date.slice(0, 16).replace('T', ' ')} UTC, ${minutes(results.fullRun.durationS)} (budget ${(results.budgetS ?? 900) / 60} min), load average ${results.fullRun.loadAverageAtStart} at its start.`
      : 'No run of all phases together is recorded yet.',
    ...(results.phasesRun && PHASES.some((phase) => !results.phasesRun?.includes(phase))
      ? [
          '',
          `The latest run measured only: ${results.phasesRun.join(', ')} (${minutes(results.durationS ?? 0)}); the other sections come from earlier runs, each dated in its section.`,
        ]
      : []),
    '',
    '## Machine and versions',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${machine.cpuModel}, ${machine.cores} cores |`,
    `| Memory | ${machine.memoryGiB} GiB (${machine.freeMemoryGiB} GiB free at the start) |`,
    `| Load average (1 min) at the start | ${machine.loadAverage1m} (other work on the machine slows timed figures; see [Load](#load-during-the-run)) |`,
    `| Platform | ${machine.platform} |`,
    `| Node | ${versions.node} |`,
    `| Astro | ${versions.astro} |`,
    `| Chromium | ${versions.chromium} |`,
    `| Lighthouse | ${versions.lighthouse} |`,
    `| Pagefind | ${versions.pagefind} |`,
    '',
    '## Targets',
    '',
    '| Figure | Measured | Baseline | Target | Result | Previous run |',
    '|---|---|---|---|---|---|',
    ...targets.map((target) => `| ${target.figure} | ${target.value} | ${target.baseline} | ${target.target} | ${passFail(target.pass)} | ${previousOf(target.key)} |`),
    '',
  );
  if (missing.length) add(`**Not measured in this run:** ${missing.join('; ')}.`, '');

  add('## 1. Lighthouse', '');
  if (lh) {
    add(
      `Mobile profile (Lighthouse's default: Moto G Power, simulated slow 4G, 4× CPU slowdown), median of ${lh.runs} runs per page, measured ${dateOf(lh)}. Categories: performance / accessibility / best practices / SEO. Metrics are the medians in milliseconds (CLS unitless). The baseline is the same topic's page in the minimal Astro site (section 3).`,
      '',
      '| Page | Perf | A11y | BP | SEO | FCP | LCP | TBT | CLS | SI | Lighthouse benchmark index | Audits that cost points |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...[...lh.pages, lh.baseline].map((page) => {
        const metric = (name: keyof LighthousePageResult['medianMetrics']) => (page.medianMetrics[name] === undefined ? '–' : String(page.medianMetrics[name]));
        const index = page.runs.map((run) => run.benchmarkIndex ?? '–').join(', ');
        const errors = page.runs.filter((run) => run.error).map((run) => run.error);
        return `| ${page.label} \`${page.path}\` | ${CATEGORIES.map((category) => page.median[category] ?? '–').join(' | ')} | ${metric('first-contentful-paint')} | ${metric('largest-contentful-paint')} | ${metric('total-blocking-time')} | ${metric('cumulative-layout-shift')} | ${metric('speed-index')} | ${index} | ${[...page.failing, ...errors.map((error) => `run error: ${error}`)].join(', ') || '–'} |`;
      }),
      '',
    );
  } else add('Not measured in this run.', '');

  add('## 2. Bytes shipped', '');
  if (bytes) {
    add(
      `Read from the built dist/ (${dateOf(bytes)}): each page's HTML, every stylesheet it links and every script it loads with their static imports; raw / gzip, each file compressed on its own as it travels. For page types with several pages, the largest page of the type. Budgets (checked in \`npm test\` by bench/budgets.test.ts): no script on content pages, at most 15 KB gzip of JavaScript on a form page, at most 10 KB gzip of CSS and 30 KB gzip of HTML on any page.`,
      '',
      '| Page type | Pages | Example | HTML raw / gzip | CSS raw / gzip | JS raw / gzip | Script elements |',
      '|---|---|---|---|---|---|---|',
      ...bytes.pageTypes.map(
        (entry) => `| ${entry.type} | ${entry.pages} | \`${entry.example}\` | ${both(entry.html)} | ${both(entry.css)} | ${both(entry.js)} | ${entry.scriptElements} |`,
      ),
      `| *baseline topic page* | 1 | \`${bytes.baselineTopic.path}\` | ${both(bytes.baselineTopic.html)} | ${both(bytes.baselineTopic.css)} | ${both(bytes.baselineTopic.js)} | – |`,
      '',
      'Form pages one by one:',
      '',
      '| Form page | HTML raw / gzip | CSS raw / gzip | JS raw / gzip |',
      '|---|---|---|---|',
      ...bytes.forms.map((form) => `| \`${form.path}\` | ${both(form.html)} | ${both(form.css)} | ${both(form.js)} |`),
      '',
      `The archive's search loads its runtime only when someone searches: ${both(bytes.searchRuntime)} (${bytes.searchRuntime.files.join(', ')}), plus index fragments for the words typed.`,
      '',
    );
  } else add('Not measured in this run.', '');

  add('## 3. Build time', '');
  if (build) {
    add(
      `Cold \`npm run build\` (no dist/, .astro/ or Astro/Vite caches) of a copy of the project with N generated topics, against the baseline: a minimal Astro project written by the benchmark (one layout, one page per topic, the same Markdown, no integrations), built alternately with it. Median of the runs listed (ms). Measured ${dateOf(build)}; the whole phase took ${seconds(build.totalMs)}.`,
      '',
      '| Topics | Real (median) | Baseline (median) | Ratio | Real runs | Baseline runs |',
      '|---|---|---|---|---|---|',
      ...build.sizes.map(
        (size) =>
          `| ${size.topics.toLocaleString('en')} | ${seconds(size.realMedianMs)} | ${seconds(size.baselineMedianMs)} | ${size.ratio}× | ${size.realMs.join(', ')} | ${size.baselineMs.join(', ')} |`,
      ),
      '',
      `Cost per added topic (least-squares slope over all sizes): real ${build.realSlopeMsPerTopic} ms, baseline ${build.baselineSlopeMsPerTopic} ms, ratio **${build.slopeRatio}×**. Between the two largest sizes only: real ${build.realMarginalMsPerTopic} ms, baseline ${build.baselineMarginalMsPerTopic} ms, ratio ${build.marginalRatio}×.`,
      '',
    );
  } else add('Not measured in this run.', '');

  add('## 4. Submissions', '');
  if (sub) {
    add(
      `The real application handler (netlify/functions/applications.ts) called directly, with the real GitHub records store (Octokit) against the GitHub stand-in and Netlify's own Blobs server, wired as in the integration tests. Measured ${dateOf(sub)}. Handler time excludes the stand-in's own deliberate delay (${sub.putLatencyMs} ms per accepted write, as GitHub holds the branch while it writes). Baseline: one bare Octokit \`createOrUpdateFileContents\` against the same server, the least a submission can do.`,
      '',
      '| Figure | Measured | Baseline |',
      '|---|---|---|',
      `| Handler time p50, one at a time (${sub.handler.submissions} submissions) | ${sub.handler.p50Ms} ms | ${sub.baselineSdkPut.p50Ms} ms |`,
      `| Handler time p95 | ${sub.handler.p95Ms} ms | ${sub.baselineSdkPut.p95Ms} ms |`,
      `| Throughput, one at a time | ${sub.handler.sequentialPerSecond} /s | – |`,
      `| Throughput, ${sub.concurrent.inFlight} in flight (${sub.concurrent.submissions}) | ${sub.concurrent.perSecond} /s (${statusText(sub.concurrent.statuses)}; ${sub.concurrent.stored} stored, ${sub.concurrent.duplicated} duplicated) | – |`,
      `| Under faults: ${sub.faults.injected} | sent ${sub.faults.sent}: ${statusText(sub.faults.statuses)}; ${sub.faults.storedBeforeDrain} stored at once, ${sub.faults.queuedBeforeDrain} queued; after one drain (${seconds(sub.faults.drain.ms)}) **${sub.faults.stored} stored**, ${sub.faults.duplicated} duplicated | sent = stored |`,
      '',
    );
  } else add('Not measured in this run.', '');
  if (burst) {
    add(
      `**Burst** (${dateOf(burst)}): ${burst.sent} submissions arriving evenly over ${seconds(burst.arrivalWindowMs)} against the stand-in enforcing GitHub's secondary limit (${burst.limit}). Then the drain handler (netlify/functions/drain-held.ts) is called directly once the limit window has passed, again while anything is still held.`,
      '',
      '| Figure | Measured |',
      '|---|---|',
      `| Answers | ${statusText(burst.statuses)} (handler p50 ${burst.handlerP50Ms} ms, p95 ${burst.handlerP95Ms} ms; burst over in ${seconds(burst.burstWallMs)}) |`,
      `| Writes refused by the limit | ${burst.writesRefusedByLimit} |`,
      `| Stored at once / queued in Blobs | ${burst.storedAtOnce} / ${burst.queued} (a record is both when its write landed after its handler's 8 s deadline had already held it) |`,
      `| Stored or queued | **${burst.storedOrQueued} of ${burst.sent}** (${burst.lost} lost) |`,
      `| Drain runs | ${burst.drains.map((drain) => `${drain.recordsCommitted} committed, ${drain.recordsAlreadyStored} already stored, ${drain.recordsStillHeld} still held, ${seconds(drain.ms)}`).join('; ')} |`,
      `| Committed after the drain | **${burst.stored} of ${burst.sent}**, ${burst.duplicated} duplicated (drain wall time ${seconds(burst.drainWallMs)}) |`,
      '',
    );
  } else add('Burst: not measured in this run.', '');

  add('## 5. Mailing', '');
  if (mailing) {
    add(
      `The monthly topic mailing (runMonthlyMailing, netlify/lib/mailing/monthlyTopicService.ts) with the ports chosen from the environment as on Netlify: the real Resend adapter against the Resend stand-in enforcing **2 requests a second**, the real GitHub records store against the GitHub stand-in holding the applications, the matches file and the month's ledger. Floor: the least time the rate limit allows, ceil(emails / 100) / 2 s. Each size is run twice; the second run must send nothing. Measured ${dateOf(mailing)}.`,
      '',
      '| Pairs | Emails | API calls (429s) | Wall time | Floor | Wall / floor | GitHub requests (writes) | Re-run: calls, emails, time | Duplicates |',
      '|---|---|---|---|---|---|---|---|---|',
      ...mailing.sizes.map(
        (size) =>
          `| ${size.pairs.toLocaleString('en')} | ${size.emails.toLocaleString('en')} | ${size.apiCalls} (${size.rateLimitedCalls}) | ${seconds(size.wallMs)} | ${seconds(size.floorMs)} | ${size.wallOverFloor}× | ${size.recordsRequests === undefined ? '–' : size.recordsRequests.toLocaleString('en')} (${size.recordsWrites}) | ${size.rerun.apiCalls}, ${size.rerun.emails}, ${seconds(size.rerun.wallMs)} | ${size.duplicatedEmails} |`,
      ),
      '',
    );
  } else add('Not measured in this run: the mailing service (netlify/lib/mailing) was not there or not run.', '');

  add('## 6. Matching', '');
  if (matching) {
    add(
      `The engine's own benchmark (bench/matchingBenchmark.ts: generated applications, the full proposeMatches, median of its runs). Baseline: building every profile and scoring every mentor–mentee pair once (compatibility.ts), the least an exhaustive matcher does. Measured ${dateOf(matching)}.`,
      '',
      '| Mentees × mentors | Engine | Baseline (score every pair) | Report files | Matched | Unmatched | Runs | Memory | Target |',
      '|---|---|---|---|---|---|---|---|---|',
      ...matching.sizes.map(
        (size) =>
          `| ${size.mentees.toLocaleString('en')} × ${size.mentors.toLocaleString('en')} | ${msText(size.engineMs)} | ${msText(size.baselineScoreAllPairsMs)} | ${msText(size.reportMs)} | ${size.matched} | ${size.unmatched} | ${size.runs} | ${size.rssMb} MB | ${size.targetMs ? `< ${size.targetMs} ms: ${passFail(size.engineMs < size.targetMs)}` : 'measured'} |`,
      ),
      '',
    );
  } else add('Not measured in this run.', '');

  add('## 7. Developer loop', '');
  if (loop) {
    const busyLoop = loop.loadAverage.max > machine.cores;
    const list = (values: number[]) => values.map((value) => seconds(value)).join(', ');
    add(
      `What a newcomer waits for, in a copy of the project, beside a bare Astro project (the baseline of section 3, with the same topics) started and built in the same run, alternately with it. Median of ${loop.runs} runs each. Measured ${dateOf(loop)}; load average ${loop.loadAverage.atStart} at the start, ${loop.loadAverage.max} at most${busyLoop ? ` (**busy**: other work shared the ${machine.cores} cores, so every figure here is slower than on a quiet machine; the baseline beside it was slowed alike)` : ''}.`,
      '',
      '- **Cold start**: `npm start` (node scripts/start.ts) with no .astro/, .netlify/, .data/, dist/ or caches in node_modules (.vite, .astro, .cache with the CMS bundle), as after a fresh clone. **Warm**: started again with what the cold start left.',
      '- **Program page**: until `/` answers 200. **Served**: until the mentee form, its function (an invalid application answered 422 with its errors), `/admin/` and the CMS’s local backend have all answered too. The baseline is ready when a topic page answers 200.',
      '- **First function call**: the invalid application posted as soon as the program page answered.',
      '- **`npm run build`**: with dist/ removed and the caches the starts left, as a developer builds after working (cold builds are section 3).',
      '',
      '| Figure | Measured (median) | Baseline (median) | Runs | Baseline runs |',
      '|---|---|---|---|---|',
      `| Cold start, program page | ${seconds(loop.coldStart.readyMs)} | ${seconds(loop.baseline.coldStartMs)} | ${list(loop.coldStart.runs.map((entry) => entry.readyMs))} | ${list(loop.baseline.coldRuns)} |`,
      `| Cold start, all served | ${seconds(loop.coldStart.servedMs)} | – | ${list(loop.coldStart.runs.map((entry) => entry.servedMs))} | – |`,
      `| Warm start, program page | ${seconds(loop.warmStart.readyMs)} | ${seconds(loop.baseline.warmStartMs)} | ${list(loop.warmStart.runs.map((entry) => entry.readyMs))} | ${list(loop.baseline.warmRuns)} |`,
      `| Warm start, all served | ${seconds(loop.warmStart.servedMs)} | – | ${list(loop.warmStart.runs.map((entry) => entry.servedMs))} | – |`,
      `| First function call after ready (cold / warm) | ${msText(loop.firstFunctionMs.cold)} / ${msText(loop.firstFunctionMs.warm)} | – | ${loop.coldStart.runs.map((entry) => msText(entry.firstFunctionMs)).join(', ')} / ${loop.warmStart.runs.map((entry) => msText(entry.firstFunctionMs)).join(', ')} | – |`,
      `| \`npm run build\` | ${seconds(loop.build.ms)} | ${seconds(loop.baseline.buildMs)} | ${list(loop.build.runs)} | ${list(loop.baseline.buildRuns)} |`,
      loop.npmTest
        ? `| \`npm test\` wall time${loop.npmTest.measuredAt && loop.npmTest.measuredAt !== loop.measuredAt ? ` (measured ${dateOf({ measuredAt: loop.npmTest.measuredAt })})` : ''} | ${minutes(loop.npmTest.ms / 1000)} | – | ${loop.npmTest.runs.map((entry) => `${minutes(entry.ms / 1000)}${entry.passed ? '' : ' (failed)'}`).join(', ')} | – |`
        : '| `npm test` wall time | not measured: about ten minutes a run, so only with `npm run bench -- --only devloop --with-npm-test` | – | – | – |',
      '',
    );
  } else add('Not measured in this run.', '');
  if (cycles) {
    add(
      `**Start/stop cycles** (${dateOf(cycles)}; \`node bench/startCycles.ts\`, or \`npm run bench -- --only startcycles\`): one start first uses the product so .data/ holds the CMS’s workspace, ${cycles.dataBeforeCycles.records} application record${cycles.dataBeforeCycles.records === 1 ? '' : 's'} and ${cycles.dataBeforeCycles.outbox} outbox email${cycles.dataBeforeCycles.outbox === 1 ? '' : 's'}; then ${cycles.cycles} starts in a row, each checked (program page, the mentee form and its function, /admin/ and the CMS’s backend, nothing alarming printed), stopped by its process group and its ports found free before the next. **${cycles.passed} of ${cycles.cycles} passed.** Program page after a median of ${seconds(cycles.medianReadyMs)} (at most ${seconds(cycles.maxReadyMs)}); all served after ${seconds(cycles.medianServedMs)} (at most ${seconds(cycles.maxServedMs)}); the first function call took ${msText(cycles.medianFirstFunctionMs)} (at most ${msText(cycles.maxFirstFunctionMs)}). Load average during the cycles: ${Math.min(...cycles.runs.map((entry) => entry.loadAverage1m))} to ${Math.max(...cycles.runs.map((entry) => entry.loadAverage1m))}.`,
      '',
      ...(cycles.failures.length ? ['Failures:', '', ...cycles.failures.map((failure) => `- Cycle ${failure.cycle}: ${failure.reason}`), ''] : []),
    );
  }

  add('## 8. Committee workspace', '');
  if (workspace) {
    add(
      `Each workspace page through the workspace function's own handler (handleWorkspace) with the ports chosen from the environment as on Netlify: a fresh GitHub records store per request, as each invocation has, against the GitHub stand-in answering every request ${workspace.latencyMs} ms late and holding ${workspace.applications} applications, ${workspace.pairs} pairs and ${workspace.checkIns.toLocaleString('en')} check-ins. First request, then ${workspace.samples} more; target ${workspace.targetP95Ms.toLocaleString('en')} ms at the 95th percentile. Measured ${dateOf(workspace)}.`,
      '',
      '| Page | Status | First | p50 | p95 | Target |',
      '|---|---|---|---|---|---|',
      ...workspace.pages.map(
        (page) =>
          `| \`${page.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, '<id>')}\` | ${page.status} | ${page.firstMs} ms | ${page.p50Ms === null ? '–' : `${page.p50Ms} ms`} | ${page.p95Ms === null ? '–' : `${page.p95Ms} ms`} | ${page.p95Ms === null ? 'not measured' : passFail(page.p95Ms <= workspace.targetP95Ms && page.status === 200)} |`,
      ),
      '',
    );
  } else add('Not measured in this run.', '');

  add(
    '## Load during the run',
    '',
    'The 1-minute load average when each phase started. On this 2-core machine anything above 2 means other work was competing for the CPU, which lengthens build times and handler times and lowers Lighthouse performance scores (its CPU-bound metrics such as Total Blocking Time are measured on this CPU, then scaled).',
    '',
    '| Phase | Started (s into the run) | Load average |',
    '|---|---|---|',
    ...results.loadAverage.map((entry) => `| ${entry.phase} | ${entry.elapsedS} | ${entry.loadAverage1m}${entry.loadAverage1m > machine.cores ? ' (busy)' : ''} |`),
    '',
  );
  const busy = results.loadAverage.filter((entry) => entry.phase !== 'end' && entry.loadAverage1m > machine.cores * 2);
  if (busy.length) {
    add(
      `**This run shared the machine**: the load average was above twice the core count when ${busy.map((entry) => entry.phase).join(', ')} started. Timed figures of those phases (build times, handler times, Lighthouse performance) are inflated by the other work and should be compared with the baselines measured beside them rather than read on their own; Lighthouse's benchmark index per run (section 1; higher means more CPU) shows how much CPU each run got.`,
      '',
    );
  }

  if (notes.trim()) add('## Findings', '', notes.trim(), '');

  const summary = targets.map((target) => `${target.pass === null ? '  ?  ' : target.pass ? ' pass' : ' FAIL'}  ${target.figure}: ${target.value} (target ${target.target})`);
  if (missing.length) summary.push(` missing: ${missing.join('; ')}`);
  return { markdown: `${lines.join('\n')}\n`, headline, summary };
}
