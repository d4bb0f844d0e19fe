import { normalizeUsername } from './directory';

/**
 * The tenant's own domain names (policy emailDomain and domainNames, e.g. `contoso.example`). A down-level name
 * `DOMAIN\user` is accepted only when DOMAIN is one of them or its first label (the NetBIOS name, `CONTOSO`), just
 * as a UPN suffix only matches an account's own address: `FOO\adele` and `*\adele` name nobody and get a decoy.
 */
export class TenantDomains {
  private readonly accepted: ReadonlySet<string>;
  private readonly dnsNames: ReadonlySet<string>;

  constructor(domains: readonly (string | undefined)[]) {
    const dns = domains.filter((d): d is string => typeof d === 'string' && d.length > 0).map((d) => d.toLowerCase());
    this.dnsNames = new Set(dns);
    this.accepted = new Set(dns.flatMap((d) => [d, d.split('.')[0] ?? d]));
  }

  /** The configured DNS names, in the order given (the first is the one examples use). */
  get names(): string[] {
    return [...this.dnsNames];
  }

  /**
   * The names a directory may look the typed text up by: the name itself and, for an accepted down-level prefix, the
   * name without it. Empty for a down-level prefix of another domain.
   */
  lookupNames(typed: string): string[] {
    const name = normalizeUsername(typed);
    const slash = name.lastIndexOf('\\');
    if (slash < 0) return name.length > 0 ? [name] : [];
    const prefix = name.slice(0, slash);
    const local = name.slice(slash + 1);
    return this.accepted.has(prefix) && local.length > 0 ? [local] : [];
  }

  /** One name for every way of typing the same account's name (`CONTOSO\zed`, `zed@contoso.example`, `zed`). */
  canonical(typed: string): string {
    const [name = normalizeUsername(typed)] = this.lookupNames(typed);
    const at = name.lastIndexOf('@');
    return at > 0 && this.dnsNames.has(name.slice(at + 1)) ? name.slice(0, at) : name;
  }
}
