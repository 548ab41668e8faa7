/**
 * The one content negotiation of every function: whether the client wants a JSON answer (the
 * enhanced forms' script, committee tools) or an HTML page in the site's layout (a plain form
 * post from a browser without JavaScript).
 */

/** True when the request asks for JSON (Accept) or sent JSON; otherwise the client gets a page. */
export function wantsJson(request: Request): boolean {
  const accept = (request.headers.get('accept') ?? '').toLowerCase();
  const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
  return accept.includes('application/json') || contentType.includes('json');
}
