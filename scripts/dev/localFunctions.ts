/**
 * Netlify Functions v2 served in-process for `npm start` and `npm run preview`.
 *
 * Netlify's own local emulation (@netlify/dev) bundles a function with esbuild and traces its
 * files into a fresh folder on every request: 5 to 8 s a call on this project's 2-core machines,
 * about 100 s at start, and a bundler that walks into the product's own data folder
 * (docs/adr/0008-local-functions-in-process.md). Here each function module is imported as it is
 * (through Vite under `astro dev`, so an edit is picked up; through Node's type stripping under
 * preview) and called with a Context like Netlify's, routed the way Netlify routes: `config.path`
 * (URLPattern syntax) and `config.method`, `/.netlify/functions/<name>` for every function, and
 * background functions (`-background` or `config.background`) answered 202 at once while they run.
 */
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '@netlify/functions';
import { listFunctions } from '@netlify/zip-it-and-ship-it';
import { URLPattern } from 'urlpattern-polyfill';

export type FunctionHandler = (request: Request, context: Context) => Response | Promise<Response> | undefined | Promise<undefined | Response>;

export interface FunctionModule {
  default: FunctionHandler;
}

/** One route as Netlify's bundler reads it from `config.path` and `config.method`. */
export interface DeclaredRoute {
  pattern: string;
  literal?: string;
  expression?: string;
  methods?: string[];
}

/** A function as Netlify's bundler lists it. */
export interface DeclaredFunction {
  name: string;
  mainFile: string;
  schedule?: string | undefined;
  routes?: DeclaredRoute[] | undefined;
}

export interface LocalFunction {
  name: string;
  file: string;
  background: boolean;
  scheduled: boolean;
  routes: { matches: (pathname: string) => Record<string, string> | null; methods: string[] | null }[];
}

export interface FunctionMatch {
  func: LocalFunction;
  params: Record<string, string>;
}

export interface LocalFunctionsOptions {
  /** The functions folder (netlify/functions). */
  directory: string;
  /** Imports a function module; under astro dev, Vite's loader (fresh after an edit). */
  load: (file: string) => Promise<FunctionModule>;
  /** Where a background function's failure and the waitUntil errors are reported. */
  log?: (line: string) => void;
  /** Netlify's deploy context; locally always "dev" (production strictness never applies). */
  deployContext?: string;
  /** The functions as Netlify's bundler reads them (default: its listFunctions over `directory`). */
  declared?: () => Promise<DeclaredFunction[]>;
}

/** Netlify's bundler's own reading of the functions folder: names, routes, schedules. */
export async function declaredFunctions(directory: string): Promise<DeclaredFunction[]> {
  return (await listFunctions([directory], { parseISC: true })) as DeclaredFunction[];
}

/** How Netlify routes one function: its declared routes, and `/.netlify/functions/<name>`, which answers every method. */
export function describeFunction(declared: DeclaredFunction): LocalFunction {
  const routes = (declared.routes ?? []).map((route) => {
    // A literal matches exactly; an expression is Netlify's regular expression (with an optional
    // trailing slash), and the URLPattern of the same path names its parameters.
    const expression = route.expression ? new RegExp(route.expression) : null;
    const pattern = new URLPattern({ pathname: route.pattern });
    const matches = (pathname: string): Record<string, string> | null => {
      if (route.literal !== undefined) return pathname === route.literal ? {} : null;
      if (!expression?.test(pathname)) return null;
      const groups = pattern.exec({ pathname: pathname.replace(/(.)\/$/, '$1') })?.pathname.groups ?? {};
      return Object.fromEntries(Object.entries(groups).filter((entry): entry is [string, string] => entry[1] !== undefined));
    };
    return { matches, methods: route.methods && route.methods.length > 0 ? route.methods.map((method) => method.toUpperCase()) : null };
  });
  const internal = `/.netlify/functions/${declared.name}`;
  routes.push({ matches: (pathname) => (pathname === internal || pathname === `${internal}/` ? {} : null), methods: null });
  return { name: declared.name, file: declared.mainFile, background: declared.name.endsWith('-background'), scheduled: Boolean(declared.schedule), routes };
}

/** The function a request goes to, with the path's parameters; undefined when none. */
export function matchFunction(functions: readonly LocalFunction[], url: URL, method: string): FunctionMatch | undefined {
  for (const func of functions) {
    for (const route of func.routes) {
      if (route.methods && !route.methods.includes(method.toUpperCase())) continue;
      const params = route.matches(url.pathname);
      if (params) return { func, params };
    }
  }
  return undefined;
}

/** A Context with what Netlify gives a function; locally the deploy context is "dev". */
export function localContext(request: Request, params: Record<string, string>, options: { deployContext: string; waitUntil: (promise: Promise<unknown>) => void }): Context {
  const url = new URL(request.url);
  const cookieHeader = request.headers.get('cookie') ?? '';
  const cookies = new Map(
    cookieHeader
      .split(';')
      .map((part) => part.trim().split('='))
      .filter((pair): pair is [string, ...string[]] => Boolean(pair[0]))
      .map(([name, ...value]) => [name, decodeURIComponent(value.join('='))]),
  );
  const unsupported = (what: string) => () => Promise.reject(new Error(`context.${what}() is for edge functions; this project's functions do not use it.`));
  return {
    account: { id: 'local' },
    cookies: {
      get: (name: string) => cookies.get(name) ?? '',
      set: () => {
        throw new Error('context.cookies.set is not emulated locally; set a Set-Cookie header on the response.');
      },
      delete: () => {
        throw new Error('context.cookies.delete is not emulated locally; set a Set-Cookie header on the response.');
      },
    },
    deploy: { context: options.deployContext, id: 'local', published: false },
    geo: {},
    ip: request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || '127.0.0.1',
    json: (input: unknown) => Response.json(input),
    log: (...data: unknown[]) => console.log(...data),
    next: unsupported('next'),
    params,
    rewrite: unsupported('rewrite'),
    requestId: randomUUID(),
    server: { region: 'local' },
    site: { id: 'local', name: 'local', url: url.origin },
    url,
    waitUntil: options.waitUntil,
  } as Context;
}

/** Netlify's answer when a function throws or returns nothing: a 500 that names no internals. */
function functionFailed(name: string): Response {
  return new Response(`The function ${name} failed; see the terminal.`, { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export interface LocalFunctions {
  /** The functions found in the folder, with their routes. */
  list(): Promise<LocalFunction[]>;
  /** Lists the functions and imports each one, so the first call does not wait for it. */
  warm(): Promise<void>;
  /** The function that serves a path and method, if any (before the body is read). */
  route(url: URL, method: string): Promise<FunctionMatch | undefined>;
  /** The routed function's answer to the request. */
  invoke(match: FunctionMatch, request: Request): Promise<Response>;
  /** The answer for a request, or undefined when no function serves its path and method. */
  handle(request: Request): Promise<Response | undefined>;
  /** Resolves when every background run and waitUntil promise started so far has settled. */
  settled(): Promise<void>;
}

export function createLocalFunctions(options: LocalFunctionsOptions): LocalFunctions {
  const log = options.log ?? ((line: string) => console.error(line));
  const deployContext = options.deployContext ?? 'dev';
  const pending = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>, what: string) => {
    const tracked = promise
      .catch((error: unknown) => log(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  // Routes are read again whenever a file in the folder changes, so an edited config applies at
  // once; a module is imported on each call, and Vite's loader hands back the edited version.
  const declared = options.declared ?? (() => declaredFunctions(options.directory));
  let known: { stamp: string; functions: Promise<LocalFunction[]> } | undefined;
  const folderStamp = async () => {
    // A site without a functions folder has no functions, as on Netlify.
    const names = (await readdir(options.directory).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)))).sort();
    if (names.length === 0) return 'none';
    const times = await Promise.all(names.map(async (name) => `${name}@${(await stat(join(options.directory, name))).mtimeMs}`));
    return times.join('|');
  };
  const list = async (): Promise<LocalFunction[]> => {
    const stamp = options.declared ? '' : await folderStamp();
    if (known?.stamp !== stamp) known = { stamp, functions: stamp === 'none' ? Promise.resolve([]) : declared().then((all) => all.map(describeFunction)) };
    return known.functions;
  };

  const route = async (url: URL, method: string) => matchFunction(await list(), url, method);
  const invoke = async ({ func, params }: FunctionMatch, request: Request): Promise<Response> => {
    const module = await options.load(func.file);
    const context = localContext(request, params, { deployContext, waitUntil: (promise) => track(promise, `${func.name} (waitUntil)`) });
    const run = async () => (await module.default(request, context)) ?? functionFailed(func.name);
    if (func.background) {
      // Netlify answers a background function's caller at once and lets it run (15 minutes).
      track(run(), `${func.name} (background)`);
      return new Response(null, { status: 202 });
    }
    try {
      return await run();
    } catch (error) {
      log(`${func.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return functionFailed(func.name);
    }
  };

  return {
    list,
    async warm() {
      await Promise.all((await list()).map((func) => options.load(func.file)));
    },
    route,
    invoke,
    async handle(request) {
      const match = await route(new URL(request.url), request.method);
      return match ? invoke(match, request) : undefined;
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
