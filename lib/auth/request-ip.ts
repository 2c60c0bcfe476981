// The client's address, for throttling and the audit trail. Behind a load balancer set
// TRUST_PROXY=1 so the first X-Forwarded-For entry is used; otherwise the last hop is.
export function requestIp(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get('x-forwarded-for');
  if (forwarded) {
    const hops = forwarded
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const ip = process.env.TRUST_PROXY === '1' ? hops[0] : hops[hops.length - 1];
    if (ip) return ip;
  }
  return headers.get('x-real-ip') ?? 'unknown';
}
