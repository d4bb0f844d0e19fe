/** The names of `groups` that are among `among` (case-insensitive); all of them when `among` is not given. */
export function groupsAmong(groups: readonly string[], among: readonly string[] | undefined): string[] {
  if (!among) return [...groups];
  const wanted = new Set(among.map((name) => name.toLowerCase()));
  return groups.filter((name) => wanted.has(name.toLowerCase()));
}
