// A small keep-alive HTTP client for the benchmarks: a staff session's cookies and CSRF header on
// every request, JSON in and out, and the time each request took. node:http with a keep-alive agent
// costs the (same-machine) client less CPU than fetch, so more of the box is left to the server.
import http from 'node:http';

export interface Timed {
  status: number;
  body: any;
  ms: number;
}

export interface StaffClient {
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Timed>;
  close(): void;
}

/** Requests as a signed-in staff member (session token → tb_session cookie, its CSRF token). */
export function staffClient(baseUrl: string, session: { token: string; csrf: string }, maxSockets = 4): StaffClient {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const cookie = `tb_session=${session.token}; tb_csrf=${session.csrf}`;
  return {
    request(method, path, body) {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const started = process.hrtime.bigint();
      return new Promise<Timed>((resolve, reject) => {
        const req = http.request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method,
            path,
            headers: {
              cookie,
              'x-csrf-token': session.csrf,
              accept: 'application/json',
              ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const ms = Number(process.hrtime.bigint() - started) / 1e6;
              const text = Buffer.concat(chunks).toString('utf8');
              let json: unknown = text;
              try {
                json = text ? JSON.parse(text) : null;
              } catch {
                /* not JSON: keep the text for the error message */
              }
              resolve({ status: res.statusCode ?? 0, body: json, ms });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        if (payload) req.write(payload);
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index] * 100) / 100;
}
