const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Tests truncate tables: they refuse to touch any server that is not on this machine. */
export function assertLocal(url: URL) {
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`Refusing to run integration tests against ${url.hostname}: only a local PostgreSQL may be used.`);
  }
}
