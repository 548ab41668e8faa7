/**
 * netlify.toml headers do not apply to function responses, so every function answer carries
 * these. The HTML pages a function returns use the same policy as the static form pages.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Answers carry personal data or per-person state: never cache them.
  'Cache-Control': 'no-store',
};

export function withSecurityHeaders(headers: Record<string, string> = {}): Headers {
  return new Headers({ ...SECURITY_HEADERS, ...headers });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: withSecurityHeaders({ 'Content-Type': 'application/json; charset=utf-8', ...headers }) });
}

export function htmlResponse(status: number, html: string): Response {
  return new Response(html, { status, headers: withSecurityHeaders({ 'Content-Type': 'text/html; charset=utf-8' }) });
}

export function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: withSecurityHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }) });
}

export function redirectResponse(location: string): Response {
  return new Response(null, { status: 303, headers: withSecurityHeaders({ Location: location }) });
}

/** 405, naming the methods the function serves. */
export function methodNotAllowed(allowed: readonly string[]): Response {
  return jsonResponse(405, { error: `Use ${allowed.join(' or ')}.` }, { Allow: allowed.join(', ') });
}
