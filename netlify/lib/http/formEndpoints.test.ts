import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFormEnvironment, type FormEnvironment } from '../../../tests/servers/harness/formEnvironment.ts';
import { TEST_NOW } from '../../../tests/testClock.ts';
import { evaluationAnswers, menteeAnswers, mentorAnswers, messageAnswers, urlencoded } from '../../../tests/servers/harness/sampleAnswers.ts';
import applications from '../../functions/applications.ts';
import drainHeld from '../../functions/drain-held.ts';
import { createBlobsQueue } from '../queue/blobsQueue.ts';
import type { HeldForReview } from '../submissions/heldForReview.ts';
import evaluations from '../../functions/evaluations.ts';
import messages from '../../functions/messages.ts';
import thanksPage from '../../functions/thanks-page.ts';
import { referenceLine } from '../../../src/lib/thanksContent.ts';

let env: FormEnvironment;

beforeAll(async () => {
  env = await startFormEnvironment();
});
afterAll(async () => {
  await env?.stop();
});
beforeEach(async () => {
  env.github.faults.clear();
  env.resend.faults.clear();
  await env.settle(); // emails deferred by an earlier test are not counted in the next one
});

const ENDPOINTS = {
  mentor: { handler: applications, params: { role: 'mentor' }, url: 'http://localhost/api/applications/mentor', answers: mentorAnswers },
  mentee: { handler: applications, params: { role: 'mentee' }, url: 'http://localhost/api/applications/mentee', answers: menteeAnswers },
  mentorEvaluation: { handler: evaluations, params: { role: 'mentor' }, url: 'http://localhost/api/evaluations/mentor', answers: evaluationAnswers },
  menteeEvaluation: { handler: evaluations, params: { role: 'mentee' }, url: 'http://localhost/api/evaluations/mentee', answers: evaluationAnswers },
  message: { handler: messages, params: {}, url: 'http://localhost/api/messages', answers: messageAnswers },
} as const;
type EndpointName = keyof typeof ENDPOINTS;

function post(name: EndpointName, body: string, headers: Record<string, string>, deployContext = 'dev') {
  const endpoint = ENDPOINTS[name];
  return endpoint.handler(new Request(endpoint.url, { method: 'POST', body, headers }), env.context(endpoint.params, deployContext));
}
const postJson = (name: EndpointName, body: unknown, deployContext?: string) =>
  post(name, JSON.stringify(body), { 'content-type': 'application/json', accept: 'application/json' }, deployContext);
const postForm = (name: EndpointName, body: Record<string, unknown>) => post(name, urlencoded(body), { 'content-type': 'application/x-www-form-urlencoded' });

const recordFiles = () => env.github.state.files().filter((path) => /^(applications|evaluations|messages)\//.test(path));

describe('a valid submission', () => {
  it('is committed as one JSON file at the documented path, with confirmation and committee emails', async () => {
    const id = randomUUID();
    const sentBefore = env.resend.sent.length;
    const response = await postJson('mentor', { ...mentorAnswers(), submissionId: id, elapsedMs: 60_000 });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id, status: 'stored' });

    const path = `applications/2027-2028/mentor/${id}.json`;
    const record = JSON.parse(env.github.state.read(path)!);
    expect(record).toMatchObject({ schemaVersion: 1, id, type: 'application', role: 'mentor', programYear: '2027-2028', submittedAt: '2027-06-15T16:00:00.000Z' });
    expect(record.answers).toMatchObject({ name: 'Ada Example', capacity: 2, yearsExperience: 12, agreeSharing: true, interests: ['e-resources', 'metadata'] });
    expect(env.github.state.fileCommits.filter((commit) => commit.message.includes(id))).toHaveLength(1);

    await env.settle();
    const sent = env.resend.sent.slice(sentBefore);
    const confirmation = sent.find((email) => email.to.includes('ada@example.org'))!;
    expect(confirmation.subject).toBe('We have your mentor application');
    expect(confirmation.text).toContain('Example State University');
    expect(confirmation.html).toContain('E-resource management, Metadata');
    const notice = sent.find((email) => email.to.includes('committee@nasig.example'))!;
    expect(notice.text).toContain(path);
    // It leads to the record's page in the workspace, at the site's address; never to a folder on a disk.
    expect(notice.text).toMatch(new RegExp(`^Open it in the committee workspace: https?://[^/]+/committee/applications/${id}/\\?year=2027-2028$`, 'm'));
    expect(notice.html).toMatch(new RegExp(`<a href="https?://[^/"]+/committee/applications/${id}/\\?year=2027-2028">`));
    expect(notice.text).not.toContain(process.cwd());
    // The committee notice names the record, never the person.
    for (const personal of ['Ada', 'ada@example.org', 'Example State University', 'licensing']) {
      expect(`${notice.subject} ${notice.text} ${notice.html}`).not.toContain(personal);
    }
  });

  it('from a plain form is answered with 303 to a thanks page that shows the same reference as the enhanced form', async () => {
    const before = recordFiles().length;
    const id = randomUUID();
    const response = await postForm('mentee', { ...menteeAnswers(), submissionId: id });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/thanks/${id}/`);
    expect(recordFiles()).toHaveLength(before + 1);

    const thanks = await thanksPage(new Request(`http://localhost/thanks/${id}/`), env.context({ reference: id }));
    expect(thanks.status).toBe(200);
    const html = await thanks.text();
    // The enhanced form's confirmation shows referenceLine(id) for the id the JSON answer gives.
    expect(html).toContain(`<p>${referenceLine(id)}</p>`);
    expect(html).toContain('Thank you: we have received it');
    expect(html).not.toMatch(/<script\b/i);
    const enhanced = await postJson('mentee', { ...menteeAnswers(), submissionId: id });
    expect((await enhanced.json()).id).toBe(id);

    // A malformed reference shows the page without one.
    const odd = await (await thanksPage(new Request('http://localhost/thanks/nonsense/'), env.context({ reference: '<b>nonsense</b>' }))).text();
    expect(odd).toContain('Thank you: we have received it');
    expect(odd).not.toContain('Reference:');
    expect(odd).not.toContain('nonsense');
  });

  it('sends the committee a notice of an evaluation that opens its file on GitHub, and of a message that opens its page', async () => {
    const evaluation = randomUUID();
    const message = randomUUID();
    const sentBefore = env.resend.sent.length;
    expect((await postJson('mentorEvaluation', { ...evaluationAnswers(), submissionId: evaluation })).status).toBe(201);
    expect((await postJson('message', { ...messageAnswers(), submissionId: message })).status).toBe(201);
    await env.settle();
    const notices = env.resend.sent.slice(sentBefore).filter((email) => email.to.includes('committee@nasig.example'));
    const evaluationNotice = notices.find((email) => email.subject.includes('evaluation'))!;
    expect(evaluationNotice.text).toContain(`Open the file on GitHub: ${env.github.url}/nasig/mentoring-records/blob/main/evaluations/2026-2027/mentor/${evaluation}.json`);
    const messageNotice = notices.find((email) => email.subject.includes('message'))!;
    expect(messageNotice.text).toMatch(new RegExp(`^Open it in the committee workspace: https?://[^/]+/committee/messages/${message}/$`, 'm'));
    for (const notice of [evaluationNotice, messageNotice]) {
      for (const personal of [evaluationAnswers().name, evaluationAnswers().email, messageAnswers().name, messageAnswers().email]) {
        expect(`${notice.subject} ${notice.text} ${notice.html}`).not.toContain(String(personal));
      }
    }
  });

  it.each(['mentorEvaluation', 'menteeEvaluation', 'message'] as const)('%s is stored under the running program year', async (name) => {
    const id = randomUUID();
    const response = await postJson(name, { ...ENDPOINTS[name].answers(), submissionId: id });
    expect(response.status).toBe(201);
    const expected = name === 'message' ? `messages/2026-2027/${id}.json` : `evaluations/2026-2027/${name === 'mentorEvaluation' ? 'mentor' : 'mentee'}/${id}.json`;
    expect(env.github.state.read(expected)).toBeDefined();
  });

  it('replayed with the same submission id lands on the same file, reported as stored, emailed once', async () => {
    const id = randomUUID();
    const sentBefore = env.resend.sent.length;
    const first = await postJson('mentee', { ...menteeAnswers(), submissionId: id });
    await env.settle();
    const second = await postJson('mentee', { ...menteeAnswers(), submissionId: id });
    await env.settle();
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await second.json()).toEqual({ id, status: 'stored' });
    expect(recordFiles().filter((path) => path.includes(id))).toHaveLength(1);
    expect(env.github.state.fileCommits.filter((commit) => commit.message.includes(id))).toHaveLength(1);
    expect(env.resend.sent.length - sentBefore).toBe(2);
  });

  it('flags a second application from the same address to the committee', async () => {
    const sentBefore = env.resend.sent.length;
    const first = await postJson('mentee', menteeAnswers({ email: 'twice@example.org' }));
    const firstId = (await first.json()).id;
    await postJson('mentor', mentorAnswers({ email: 'Twice@Example.org' }));
    await env.settle();
    const notices = env.resend.sent.slice(sentBefore).filter((email) => email.to.includes('committee@nasig.example'));
    expect(notices).toHaveLength(2);
    expect(notices[0]!.text).not.toContain('already sent an application');
    expect(notices[1]!.text).toContain(`already sent an application for 2027-2028 (record ${firstId})`);
    expect(notices[1]!.text).not.toContain('twice@example.org');
  });

  it('carries security headers on every answer', async () => {
    const response = await postJson('message', messageAnswers());
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
  });
});

describe('refusals store nothing', () => {
  it.each([
    { why: 'validation (422, per field)', body: mentorAnswers({ email: 'not-an-email', capacity: '9', agreeSharing: undefined }), status: 422 },
    { why: 'a line break in a one-line field', body: mentorAnswers({ name: 'Ada\r\nBcc: victim@example.org' }), status: 422 },
    { why: 'an unknown field (400)', body: { ...mentorAnswers(), isAdmin: 'yes' }, status: 400 },
    { why: 'a list where one value is expected (400)', body: mentorAnswers({ name: ['a', 'b'] }), status: 400 },
  ])('$why', async ({ body, status }) => {
    const before = recordFiles().length;
    const response = await postJson('mentor', body);
    expect(response.status).toBe(status);
    expect(recordFiles()).toHaveLength(before);
  });

  it('lists each problem with its field and the schema’s message', async () => {
    const response = await postJson('mentor', mentorAnswers({ email: 'not-an-email', capacity: '9', agreeSharing: undefined }));
    expect(await response.json()).toEqual({
      errors: [
        { field: 'email', message: 'Enter an email address in the correct format, like name@example.org.' },
        { field: 'capacity', message: 'You can take at most 3 mentees.' },
        { field: 'agreeSharing', message: 'Confirm that your application may be shared with the committee and your match.' },
      ],
    });
  });

  it('answers a plain form’s errors with a page in the site layout that keeps what was typed', async () => {
    const response = await postForm('mentor', mentorAnswers({ email: 'ada-at-example', goals: 'Short <b>goal</b>' }));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/<title>Error: Apply to be a mentor – NASIG Mentoring Program<\/title>/);
    expect(html).toContain('There is a problem');
    expect(html).toContain('<a href="#f-email">Enter an email address in the correct format');
    expect(html).toContain('value="ada-at-example"');
    expect(html).toContain('Short &lt;b&gt;goal&lt;/b&gt;</textarea>');
    expect(html).toContain('class="site-header"'); // the built layout, not a hand-kept copy
    expect(html).toMatch(/<input class="choice-input" type="checkbox" id="f-interests-4" name="interests" value="e-resources" checked>/);
  });

  it('refuses a body over 64 KB with 413', async () => {
    const response = await postJson('message', messageAnswers({ message: 'x'.repeat(70_000) }));
    expect(response.status).toBe(413);
  });

  it('refuses another content type with 415', async () => {
    const response = await post('message', 'hello', { 'content-type': 'text/plain', accept: 'application/json' });
    expect(response.status).toBe(415);
    expect((await response.json()).error).toMatch(/x-www-form-urlencoded or application\/json/);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await post('message', '{"name":', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
  });

  it('answers a filled honeypot like a success, storing and sending nothing', async () => {
    const before = recordFiles().length;
    const sentBefore = env.resend.sent.length;
    const response = await postJson('mentee', { ...menteeAnswers(), website: 'http://spam.example' });
    await env.settle();
    expect(response.status).toBe(201);
    expect((await response.json()).status).toBe('stored');
    expect(recordFiles()).toHaveLength(before);
    expect(env.resend.sent.length).toBe(sentBefore);
  });

  it('holds a valid form sent within 3 seconds of loading (timed by its script) for review: no record, no email, same answer', async () => {
    const before = recordFiles().length;
    const sentBefore = env.resend.sent.length;
    const response = await postJson('mentee', { ...menteeAnswers(), elapsedMs: 900 });
    await env.settle();
    expect(response.status).toBe(201);
    expect(recordFiles()).toHaveLength(before);
    expect(env.resend.sent.length).toBe(sentBefore);
    const { id } = await response.json();
    const held = await createBlobsQueue<HeldForReview>({ name: 'held-for-review', connection: env.blobs.connection }).list();
    expect(held.find((entry) => entry.key === id)?.item).toMatchObject({ formId: 'mentee-application', reason: 'fast', answers: { email: menteeAnswers().email } });
  });

  it('still shows a quick person their mistakes: an invalid fast form is not held', async () => {
    const response = await postJson('mentee', { ...menteeAnswers(), email: '', elapsedMs: 900 });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('email');
  });
});

describe('the application window', () => {
  it('refuses applications outside it with 403 and says when they open, storing nothing', async () => {
    process.env.SITE_NOW = '2026-11-29T12:00:00Z';
    try {
      const before = recordFiles().length;
      const response = await postJson('mentor', mentorAnswers());
      expect(response.status).toBe(403);
      expect((await response.json()).error).toBe('Applications are not open at the moment. Applications for 2027-2028 open on June 1, 2027, at midnight EDT.');
      expect(recordFiles()).toHaveLength(before);
      // Messages do not depend on the window.
      expect((await postJson('message', messageAnswers())).status).toBe(201);
    } finally {
      process.env.SITE_NOW = TEST_NOW;
    }
  });

  it('accepts an application in the last second of its last day (23:59:59 EDT)', async () => {
    process.env.SITE_NOW = '2027-07-16T03:59:59Z';
    try {
      expect((await postJson('mentee', menteeAnswers())).status).toBe(201);
      process.env.SITE_NOW = '2027-07-16T04:00:00Z';
      expect((await postJson('mentee', menteeAnswers())).status).toBe(403);
    } finally {
      process.env.SITE_NOW = TEST_NOW;
    }
  });
});

describe('the evaluation window', () => {
  it('refuses evaluations before the closing phase with 403 and says when they open, storing nothing', async () => {
    process.env.SITE_NOW = '2026-12-10T15:00:00Z'; // December: the mentoring year is under way
    try {
      const before = recordFiles().length;
      const json = await postJson('mentorEvaluation', evaluationAnswers());
      expect(json.status).toBe(403);
      const sentence =
        'The evaluation form is not open at the moment. The evaluation for 2026-2027 opens on May 1, 2027, when the program’s last phase (“Closing month and evaluation”) begins.';
      expect((await json.json()).error).toBe(sentence);
      const plain = await postForm('menteeEvaluation', evaluationAnswers());
      expect(plain.status).toBe(403);
      expect(await plain.text()).toContain(sentence);
      expect(recordFiles()).toHaveLength(before);
      // Messages to the committee are open all year.
      expect((await postJson('message', messageAnswers())).status).toBe(201);
    } finally {
      process.env.SITE_NOW = TEST_NOW;
    }
  });

  it('opens at midnight on the closing phase’s first day and closes when the next program year starts', async () => {
    try {
      process.env.SITE_NOW = '2027-05-01T03:59:59Z'; // 23:59:59 EDT on April 30
      expect((await postJson('mentorEvaluation', evaluationAnswers())).status).toBe(403);
      process.env.SITE_NOW = '2027-05-01T04:00:00Z'; // 00:00 EDT on May 1
      expect((await postJson('mentorEvaluation', evaluationAnswers())).status).toBe(201);
      process.env.SITE_NOW = '2027-09-01T03:59:59Z'; // 23:59:59 EDT on August 31
      expect((await postJson('menteeEvaluation', evaluationAnswers())).status).toBe(201);
      process.env.SITE_NOW = '2027-09-01T04:00:00Z';
      const late = await postJson('menteeEvaluation', evaluationAnswers());
      expect(late.status).toBe(403);
      expect((await late.json()).error).toBe('The evaluation form is not open at the moment. The evaluation for 2026-2027 closed on August 31, 2027.');
    } finally {
      process.env.SITE_NOW = TEST_NOW;
    }
  });
});

describe('nothing is lost when GitHub or Resend fail', () => {
  it('stores 50 concurrent submissions despite conflicts and 5xx: 50 files, no duplicates', async () => {
    env.github.faults.conflictOnPuts(0.3, 7).failNext(8, 502, { kind: 'put-content' });
    const before = recordFiles().length;
    const ids = Array.from({ length: 50 }, () => randomUUID());
    const responses = await Promise.all(ids.map((id) => postJson('mentee', { ...menteeAnswers({ email: `m-${id}@example.org` }), submissionId: id })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201 || status === 202)).toHaveLength(50);
    await drainHeld(new Request('http://localhost/drain'), env.context());
    const files = recordFiles();
    expect(files.length - before).toBe(50);
    for (const id of ids) expect(files.filter((path) => path.includes(id))).toHaveLength(1);
    await env.settle();
  }, 60_000);

  it('holds the record durably when GitHub stays down (202), then the drain commits it exactly once', async () => {
    env.github.faults.failNext(1000, 503);
    const id = randomUUID();
    const response = await postJson('mentor', { ...mentorAnswers(), submissionId: id });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ id, status: 'queued' });
    expect(recordFiles().some((path) => path.includes(id))).toBe(false);

    env.github.faults.clear();
    const drained = await (await drainHeld(new Request('http://localhost/drain'), env.context())).json();
    expect(drained).toMatchObject({ recordsCommitted: 1, recordsStillHeld: 0 });
    expect(JSON.parse(env.github.state.read(`applications/2027-2028/mentor/${id}.json`)!).id).toBe(id);
    const again = await (await drainHeld(new Request('http://localhost/drain'), env.context())).json();
    expect(again).toMatchObject({ recordsCommitted: 0, recordsStillHeld: 0 });
    expect(env.github.state.fileCommits.filter((commit) => commit.message.includes(id))).toHaveLength(1);
    await env.settle();
  }, 60_000);

  it('tells a plain-form applicant plainly when nothing could be stored or held (503) and keeps what they typed', async () => {
    env.github.faults.failNext(1000, 503);
    const blobsContext = process.env.NETLIFY_BLOBS_CONTEXT;
    process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(JSON.stringify({ ...env.blobs.connection, edgeURL: 'http://127.0.0.1:9', uncachedEdgeURL: 'http://127.0.0.1:9' })).toString(
      'base64',
    );
    try {
      const json = await postJson('message', messageAnswers());
      expect(json.status).toBe(503);
      expect((await json.json()).error).toMatch(/Nothing was stored/);
      const page = await postForm('message', messageAnswers({ message: 'Please keep this text safe.' }));
      expect(page.status).toBe(503);
      const html = await page.text();
      expect(html).toContain('Your answers were not sent');
      expect(html).toContain('Please keep this text safe.</textarea>');
    } finally {
      process.env.NETLIFY_BLOBS_CONTEXT = blobsContext;
    }
  }, 60_000);

  it('never fails a stored submission because email failed: the email is held and the drain sends it', async () => {
    env.resend.faults.failNext(1000, 500);
    const id = randomUUID();
    const response = await postJson('mentee', { ...menteeAnswers({ email: 'held-mail@example.org' }), submissionId: id });
    expect(response.status).toBe(201);
    await env.settle();
    expect(env.resend.sent.some((email) => email.to.includes('held-mail@example.org'))).toBe(false);
    env.resend.faults.clear();
    const report = await (await drainHeld(new Request('http://localhost/drain'), env.context())).json();
    expect(report.emailsSent).toBeGreaterThanOrEqual(2);
    expect(env.resend.sent.filter((email) => email.to.includes('held-mail@example.org'))).toHaveLength(1);
  }, 60_000);
});

describe('production configuration', () => {
  it('refuses loudly (503, nothing stored locally) when a production deploy lacks RECORDS_REPO', async () => {
    const saved = process.env.RECORDS_REPO;
    delete process.env.RECORDS_REPO;
    try {
      const response = await postJson('message', messageAnswers(), 'production');
      expect(response.status).toBe(503);
      expect((await response.json()).error).toMatch(/not set up correctly/);
    } finally {
      process.env.RECORDS_REPO = saved;
    }
  });
});

describe('property: bad input never stores a record and never causes a 5xx', () => {
  const names = Object.keys(ENDPOINTS) as EndpointName[];
  it('holds for arbitrary bodies against every endpoint', async () => {
    const before = recordFiles().length;
    const sentBefore = env.resend.sent.length;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.oneof(
          fc.dictionary(
            fc.string({ maxLength: 12 }),
            fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })),
          ),
          fc.record({ name: fc.string(), email: fc.string(), capacity: fc.string() }),
        ),
        fc.constantFrom('json', 'form', 'text'),
        async (name, body, encoding) => {
          const response =
            encoding === 'json'
              ? await postJson(name, body)
              : encoding === 'form'
                ? await postForm(name, body as Record<string, unknown>)
                : await post(name, JSON.stringify(body), { 'content-type': 'text/plain' });
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 120 },
    );
    expect(recordFiles()).toHaveLength(before);
    expect(env.resend.sent.length).toBe(sentBefore);
  }, 120_000);
});

describe('function configuration', () => {
  it('declares each endpoint’s path and Netlify rate limit', async () => {
    for (const file of ['applications', 'evaluations', 'messages']) {
      const { config } = await import(`../../functions/${file}.ts`);
      expect(config.rateLimit).toMatchObject({ windowLimit: 10, windowSize: 60 });
      expect(config.method).toBe('POST');
    }
    expect(readFileSync('netlify.toml', 'utf8')).toContain('included_files = ["content/settings.yaml"');
  });
});
