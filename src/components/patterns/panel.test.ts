import { describe, expect, it } from 'vitest';
import { panel } from './panel.ts';
import { PANEL_EXAMPLES } from './panel.examples.ts';

const examples = Object.entries(PANEL_EXAMPLES);

describe('the panel', () => {
  it.each(examples)('%s: one box of its kind around the content, announced only when asked', (_name, { options, content }) => {
    const markup = panel(content, options);
    const kind = 'kind' in options ? options.kind : 'information';
    expect(markup).toMatch(new RegExp(`^<div class="panel panel-${kind}[ "]`));
    expect(markup.endsWith(`>${content}</div>`)).toBe(true);
    expect(markup.includes('role="status"')).toBe('status' in options && options.status === true);
    expect(markup.includes('tabindex="-1"')).toBe('focusable' in options);
  });

  it('names what it shows and carries its data attributes, escaped', () => {
    expect(panel('<p>Soon.</p>', { name: 'evaluation-status', id: 'status', data: { state: 'up"coming' } })).toBe(
      '<div class="panel panel-information evaluation-status" id="status" data-state="up&quot;coming"><p>Soon.</p></div>',
    );
  });
});
