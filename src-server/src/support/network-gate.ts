import { BlockList, isIP } from 'node:net';

// Address matching shared by the policy (allowedClientNetworks, checked when the policy is read and on every start)
// and HTTP (which proxies are trusted): base code, so neither layer needs the other for it.

/**
 * A matcher for addresses and CIDR networks: true for an address inside one of them (an empty list matches every
 * address, as allowedClientNetworks means); false for null or a non-address. Throws on an entry net.BlockList refuses.
 */
export function createNetworkGate(networks: readonly string[]): (ip: string | null) => boolean {
  if (networks.length === 0) return () => true;
  const list = new BlockList();
  for (const network of networks) {
    const [address = '', prefix] = network.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (ip) => {
    if (ip === null) return false;
    // IPv4 clients on a dual-stack socket show up as ::ffff:a.b.c.d.
    const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    const family = isIP(plain);
    if (family === 0) return false;
    return list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}
