/** A people file sent to the import route as the people page sends it: a preview (`dryRun`) or the import itself. */
export async function importPeople(
  baseUrl: string,
  cookie: string,
  csv: string,
  dryRun = false,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/api/users/import${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie },
    body: csv,
  });
  return { status: response.status, body: await response.json() };
}
