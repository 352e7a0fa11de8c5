// A consumer-group client in its own process (for crash tests): leases records from a server, prints one JSON line
// {"got":[offsets]} per batch before acknowledging it (a kill can fall between the two). Runs until killed.
const [url, group, consumer] = process.argv.slice(2) as [string, string, string];

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

for (;;) {
  const { records } = (await post(`/groups/${group}/read`, { consumer, limit: 5, wait: 1000 })) as { records: { offset: number }[] };
  if (records.length === 0) continue;
  const offsets = records.map((r) => r.offset);
  process.stdout.write(`${JSON.stringify({ got: offsets })}\n`);
  await post(`/groups/${group}/ack`, { offsets });
}
