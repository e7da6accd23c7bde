/** A response from the GitHub REST API, as octokit's `request` returns it. */
export interface RestResponse<Data = unknown> {
  status: number;
  data: Data;
  headers: Record<string, string | number | undefined>;
}

/**
 * Sends one REST request (`'GET /repos/{owner}/{repo}/…'` plus parameters) and rejects on HTTP errors.
 * octokit's `request` fits; the Action's entry passes it in so nothing else imports @actions/github.
 */
export type RestRequest = (route: string, parameters?: Record<string, unknown>) => Promise<RestResponse>;

/** The repository the workflow runs in. */
export interface RepositoryRef {
  owner: string;
  repo: string;
}

/** The HTTP status of a failed request, when the failure came from the API rather than the network. */
export function readHttpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/** A short description of a failed request for the log: status and GitHub's message, never headers. */
export function describeRequestError(error: unknown): string {
  const status = readHttpStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  return status === undefined ? message : `HTTP ${status}: ${message}`;
}

function readRetryAfterSeconds(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response = error.response;
  if (typeof response !== 'object' || response === null || !('headers' in response)) return undefined;
  const headers = response.headers as Record<string, unknown> | undefined;
  const retryAfter = Number(headers?.['retry-after']);
  return Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
}

const maxRetries = 3;
const longestWaitSeconds = 60;

/**
 * Wraps a request so that rate-limit answers (429, or 403 with `Retry-After`, GitHub's secondary
 * limit) are retried after the wait GitHub asks for; other errors pass through untouched.
 */
export function retryRateLimited(
  request: RestRequest,
  sleep: (milliseconds: number) => Promise<void> = (milliseconds) =>
    new Promise((resolve) => setTimeout(resolve, milliseconds)),
): RestRequest {
  return async (route, parameters) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await request(route, parameters);
      } catch (error) {
        const status = readHttpStatus(error);
        const retryAfter = readRetryAfterSeconds(error);
        const rateLimited = status === 429 || (status === 403 && retryAfter !== undefined);
        if (!rateLimited || attempt >= maxRetries) throw error;
        await sleep(Math.min(retryAfter ?? 2 ** attempt, longestWaitSeconds) * 1000);
      }
    }
  };
}

function hasNextPage(headers: RestResponse['headers']): boolean {
  const link = headers['link'];
  return typeof link === 'string' && /<[^>]*>;\s*rel="next"/.test(link);
}

/**
 * Collects the items of a paginated list endpoint, 100 per page, following the `Link: rel="next"` header
 * and stopping after `maxItems` (GitHub caps some lists, e.g. 3,000 pull-request files).
 */
export async function listAllPages<Item>(
  request: RestRequest,
  route: string,
  parameters: Record<string, unknown>,
  maxItems: number,
): Promise<{ items: Item[]; truncated: boolean }> {
  const items: Item[] = [];
  for (let page = 1; ; page += 1) {
    const response = await request(route, { ...parameters, per_page: 100, page });
    const pageItems = Array.isArray(response.data) ? (response.data as Item[]) : [];
    items.push(...pageItems);
    const more = hasNextPage(response.headers);
    if (items.length >= maxItems) return { items: items.slice(0, maxItems), truncated: more || items.length > maxItems };
    if (!more || pageItems.length === 0) return { items, truncated: false };
  }
}
