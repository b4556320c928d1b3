/** Query parameters that `pg` takes as passwords (`postgres://u@host/db?password=…`). */
const SECRET_PARAMS = ['password', 'sslpassword'];

/** A database URL fit to print: the password (in the user part or the query) is replaced, everything else kept. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of SECRET_PARAMS) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@').replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
  }
}
