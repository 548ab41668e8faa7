import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../../tests/testClock.ts';
import { settingsInput } from '../schemas/settings.fixture.ts';
import { settingsSchema } from '../schemas/settings.ts';
import EvaluationStatus from './EvaluationStatus.astro';

const settings = settingsSchema.parse(settingsInput());

async function render(now: string) {
  const container = await AstroContainer.create();
  return container.renderToString(EvaluationStatus, { props: { settings, now: new Date(now) } });
}

describe('EvaluationStatus', () => {
  it('in December, says when the evaluation opens and how to reach the committee meanwhile', async () => {
    const html = await render('2026-12-03T15:00:00Z');
    expect(html).toContain('data-state="upcoming"');
    expect(html).toContain('The evaluation for 2026-2027 opens on May 1, 2027, when the program’s last phase (“Closing and evaluation”) begins.');
    expect(html).toContain('The form appears on this page while the evaluation is open.');
    expect(html).toContain(`mailto:${settings.contactEmail}`);
  });

  it('in the closing phase and after it, says until when it is open', async () => {
    const html = await render(TEST_NOW);
    expect(html).toContain('data-state="open"');
    expect(html).toContain('The evaluation for 2026-2027 is open until August 31, 2027.');
    expect(html).not.toContain('The form appears on this page');
  });
});
