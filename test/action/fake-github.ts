import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake API received, as the tests assert on it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  authorization: string | undefined;
}

export interface PullRequestFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  patch?: string;
}

export interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: { name: string }[];
  pull_request?: { url: string };
}

/** How the fake API behaves; each field mirrors a documented GitHub behaviour. */
export interface FakeGitHubOptions {
  token: string;
  /** The token is a fork's read-only token: every write answers 403 "Resource not accessible by integration". */
  readOnly?: boolean;
  pullRequestFiles?: PullRequestFile[];
  comments?: StoredComment[];
  issues?: StoredIssue[];
  /** Answer the first check-run creation with 429 and `Retry-After: 0`. */
  rateLimitFirstCheckRun?: boolean;
  /** Answer this many check-run updates with 500 before accepting them. */
  failingCheckRunUpdates?: number;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  comments: StoredComment[];
  issues: StoredIssue[];
  checkRuns: { id: number; head_sha: string; status: string; conclusion?: string; annotations: any[]; output: any }[];
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(data));
}

async function readBody(request: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

/** Serves one page of `items` with GitHub's `Link` header (`rel="next"`, `rel="last"`). */
function sendPage(response: ServerResponse, baseUrl: string, path: string, query: Record<string, string>, items: unknown[]): void {
  const perPage = Math.min(Number(query['per_page'] ?? 30), 100);
  const page = Number(query['page'] ?? 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  const links: string[] = [];
  const pageUrl = (number: number) => {
    const search = new URLSearchParams({ ...query, per_page: String(perPage), page: String(number) });
    return `<${baseUrl}${path}?${search.toString()}>`;
  };
  if (page < lastPage) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${pageUrl(1)}; rel="first"`, `${pageUrl(page - 1)}; rel="prev"`);
  send(response, 200, items.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {});
}

const forbidden = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest',
  status: '403',
};

/** Starts a REST API stand-in on 127.0.0.1 that records every request and answers like GitHub. */
export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = [];
  const comments = [...(options.comments ?? [])];
  const issues = [...(options.issues ?? [])];
  const checkRuns: FakeGitHub['checkRuns'] = [];
  let rateLimitPending = options.rateLimitFirstCheckRun === true;
  let updatesToFail = options.failingCheckRunUpdates ?? 0;
  let nextId = 9000;
  let baseUrl = '';

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', baseUrl);
      const query = Object.fromEntries(url.searchParams);
      const body = await readBody(request);
      const method = request.method ?? 'GET';
      const path = url.pathname;
      requests.push({ method, path, query, body, authorization: request.headers.authorization });
      if (request.headers.authorization !== `token ${options.token}`) {
        send(response, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
        return;
      }
      const isWrite = method !== 'GET';
      if (isWrite && options.readOnly === true) {
        send(response, 403, forbidden);
        return;
      }
      let match: RegExpExecArray | null;
      if ((match = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/.exec(path)) && method === 'GET') {
        sendPage(response, baseUrl, path, query, options.pullRequestFiles ?? []);
      } else if (/^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path) && method === 'POST') {
        if (rateLimitPending) {
          rateLimitPending = false;
          send(response, 429, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '0' });
          return;
        }
        const annotations = body?.output?.annotations ?? [];
        if (annotations.length > 50) {
          send(response, 422, {
            message: `Invalid request.\n\nNo more than 50 items are allowed; ${annotations.length} were supplied.`,
          });
          return;
        }
        const run = { id: nextId++, head_sha: body.head_sha, status: body.status ?? 'queued', conclusion: body.conclusion, annotations: [...annotations], output: body.output };
        checkRuns.push(run);
        send(response, 201, { id: run.id, head_sha: run.head_sha, status: run.status, name: body.name });
      } else if ((match = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path)) && method === 'PATCH') {
        if (updatesToFail > 0) {
          updatesToFail -= 1;
          send(response, 500, { message: 'Server Error' });
          return;
        }
        const run = checkRuns.find((candidate) => candidate.id === Number(match?.[1]));
        if (run === undefined) {
          send(response, 404, { message: 'Not Found' });
          return;
        }
        const annotations = body?.output?.annotations ?? [];
        if (annotations.length > 50) {
          send(response, 422, {
            message: `Invalid request.\n\nNo more than 50 items are allowed; ${annotations.length} were supplied.`,
          });
          return;
        }
        run.annotations.push(...annotations);
        run.status = body.status ?? run.status;
        run.conclusion = body.conclusion ?? run.conclusion;
        run.output = body.output ?? run.output;
        send(response, 200, { id: run.id, status: run.status });
      } else if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path)) && method === 'GET') {
        sendPage(response, baseUrl, path, query, comments);
      } else if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path)) && method === 'POST') {
        const comment = { id: nextId++, body: body.body, user: { login: 'github-actions[bot]', type: 'Bot' } };
        comments.push(comment);
        send(response, 201, comment);
      } else if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path)) && method === 'PATCH') {
        const comment = comments.find((candidate) => candidate.id === Number(match?.[1]));
        if (comment === undefined) send(response, 404, { message: 'Not Found' });
        else {
          comment.body = body.body;
          send(response, 200, comment);
        }
      } else if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(path) && method === 'GET') {
        const labels = (query['labels'] ?? '').split(',').filter((label) => label !== '');
        const state = query['state'] ?? 'open';
        const listed = issues.filter(
          (issue) =>
            (state === 'all' || issue.state === state) &&
            labels.every((label) => issue.labels.some((candidate) => candidate.name === label)),
        );
        sendPage(response, baseUrl, path, query, listed);
      } else if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(path) && method === 'POST') {
        const issue: StoredIssue = {
          number: nextId++,
          title: body.title,
          body: body.body,
          state: 'open',
          labels: (body.labels ?? []).map((name: string) => ({ name })),
        };
        issues.push(issue);
        send(response, 201, issue);
      } else if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(path)) && method === 'PATCH') {
        const issue = issues.find((candidate) => candidate.number === Number(match?.[1]));
        if (issue === undefined) send(response, 404, { message: 'Not Found' });
        else {
          if (body.body !== undefined) issue.body = body.body;
          if (body.state !== undefined) issue.state = body.state;
          send(response, 200, issue);
        }
      } else {
        send(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      }
    })().catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    requests,
    comments,
    issues,
    checkRuns,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
