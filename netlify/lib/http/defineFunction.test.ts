import { describe, expect, it, vi } from 'vitest';
import { handlerContext } from '../../../tests/servers/harness/localServices.ts';
import { MissingConfigurationError } from '../config/environment.ts';
import { defineFunction } from './defineFunction.ts';

const url = 'http://localhost/api/example';

describe('defineFunction', () => {
  it('refuses the methods it does not serve with 405 and Allow, serving HEAD wherever it serves GET', async () => {
    const handler = defineFunction({ methods: ['GET', 'POST'] }, async ({ request }) => new Response(request.method));
    const refused = await handler(new Request(url, { method: 'PUT' }), handlerContext());
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET, POST');
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await handler(new Request(url, { method: 'HEAD' }), handlerContext())).status).toBe(200);
    expect(await (await handler(new Request(url, { method: 'POST' }), handlerContext())).text()).toBe('POST');
  });

  it('serves every method when it names none (scheduled functions)', async () => {
    const handler = defineFunction({}, async () => new Response('ran'));
    expect((await handler(new Request(url, { method: 'DELETE' }), handlerContext())).status).toBe(200);
  });

  it('gives the handler the deploy context, the settings and the overrides of .with()', async () => {
    const handler = defineFunction<{ label?: string }>({ methods: ['POST'] }, async ({ runtime, settings }, overrides) =>
      Response.json({ production: runtime.production, timeZone: settings.timeZone, label: overrides.label ?? null }),
    );
    const plain = await (await handler(new Request(url, { method: 'POST' }), handlerContext())).json();
    expect(plain).toMatchObject({ production: false, label: null });
    expect(typeof plain.timeZone).toBe('string');
    const overridden = await (await handler.with({ label: 'test' })(new Request(url, { method: 'POST' }), handlerContext({ deployContext: 'production' }))).json();
    expect(overridden).toMatchObject({ production: true, label: 'test' });
  });

  it('answers a configuration the deploy lacks with 503 (JSON, or a page for a browser), and logs the path and the message', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const handler = defineFunction({ methods: ['POST'] }, async () => {
      throw new MissingConfigurationError('RECORDS_REPO is not set in this production deploy; set it in the site’s environment variables.');
    });
    const json = await handler(new Request(url, { method: 'POST', headers: { accept: 'application/json' } }), handlerContext());
    expect(json.status).toBe(503);
    expect((await json.json()).error).toMatch(/not set up correctly/);
    const page = await handler(new Request(url, { method: 'POST' }), handlerContext());
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Not available');
    expect(log.mock.calls).toEqual([
      ['/api/example: RECORDS_REPO is not set in this production deploy; set it in the site’s environment variables.'],
      ['/api/example: RECORDS_REPO is not set in this production deploy; set it in the site’s environment variables.'],
    ]);
    log.mockRestore();
  });

  it('lets any other error through (Netlify answers 500 and logs it)', async () => {
    const handler = defineFunction({ methods: ['POST'] }, async () => {
      throw new Error('a bug');
    });
    await expect(handler(new Request(url, { method: 'POST' }), handlerContext())).rejects.toThrow('a bug');
  });
});
