/**
 * Where to go after logging in. Only paths inside this app are accepted, so a
 * crafted link cannot send the user to another site.
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  return next;
}
