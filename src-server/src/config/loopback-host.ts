/** Loopback addresses and names only: 127.0.0.0/8, ::1, localhost. `0.0.0.0` and `::` listen on every interface. */
export function isLoopbackHost(host: string): boolean {
  const plain = host.replace(/^\[(.*)\]$/u, '$1').toLowerCase();
  if (plain === 'localhost' || plain === '::1') return true;
  const v4 = plain.startsWith('::ffff:') ? plain.slice(7) : plain;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(v4);
}
