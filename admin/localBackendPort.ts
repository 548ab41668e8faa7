/**
 * The port of Decap's local backend on this machine (admin/localBackend.ts), which the dev
 * server's /admin/api/v1 passes the CMS's calls to. CMS_BACKEND_PORT changes it (tests use their own).
 */
export function localBackendPort(env: Record<string, string | undefined>): number {
  const port = Number(env.CMS_BACKEND_PORT ?? 8081);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`CMS_BACKEND_PORT must be a port number; got "${env.CMS_BACKEND_PORT}".`);
  return port;
}
