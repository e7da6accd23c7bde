import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Debian's package; `.ci/run` installs it with `apt-get install -y chromium`. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface ProtocolEvent {
  method: string;
  params: Record<string, any>;
  sessionId?: string;
}

/** What a page did while it loaded: console output, errors, every request it made. */
export interface PageVisit {
  consoleErrors: string[];
  requests: string[];
  /** The page's visible text, as `innerText` reads it. */
  visibleText: string;
  /** PNG of the whole page. */
  screenshot: Buffer;
  width: number;
  height: number;
}

/**
 * Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: fd 3 in,
 * fd 4 out, NUL-separated JSON), so no port is opened and no extra package is needed.
 */
export class HeadlessChromium {
  private readonly process: ChildProcess;
  private readonly userDataDir: string;
  private readonly input: Writable;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  private readonly listeners: ((event: ProtocolEvent) => void)[] = [];
  private buffered = '';

  constructor() {
    if (!existsSync(chromiumPath)) {
      throw new Error(`No Chromium at ${chromiumPath}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    }
    this.userDataDir = mkdtempSync(path.join(tmpdir(), 'profilint-chromium-'));
    this.process = spawn(
      chromiumPath,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
        '--hide-scrollbars',
        `--user-data-dir=${this.userDataDir}`,
        '--remote-debugging-pipe',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    this.input = this.process.stdio[3] as Writable;
    const output = this.process.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    this.process.stderr?.resume();
    this.process.on('exit', () => {
      for (const { reject } of this.pending.values()) reject(new Error('Chromium exited'));
      this.pending.clear();
    });
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end = this.buffered.indexOf('\0');
    while (end !== -1) {
      const message = JSON.parse(this.buffered.slice(0, end));
      this.buffered = this.buffered.slice(end + 1);
      end = this.buffered.indexOf('\0');
      if (typeof message.id === 'number') {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(`${message.error.message} (${message.error.code})`));
        else waiter?.resolve(message.result);
      } else {
        for (const listener of this.listeners) listener(message);
      }
    }
  }

  private send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Opens `url` in a fresh tab with JavaScript disabled, waits for the load event, and records what happened. */
  async visit(url: string, viewportWidth: number): Promise<PageVisit> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const call = (method: string, params: Record<string, unknown> = {}) => this.send(method, params, sessionId);
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    let loaded: () => void = () => {};
    const load = new Promise<void>((resolve) => (loaded = resolve));
    this.listeners.push((event) => {
      if (event.sessionId !== sessionId) return;
      if (event.method === 'Runtime.consoleAPICalled' && (event.params.type === 'error' || event.params.type === 'assert')) {
        consoleErrors.push(event.params.args.map((arg: { value?: unknown; description?: string }) => arg.value ?? arg.description).join(' '));
      }
      if (event.method === 'Runtime.exceptionThrown') consoleErrors.push(event.params.exceptionDetails.text);
      if (event.method === 'Log.entryAdded' && event.params.entry.level === 'error') consoleErrors.push(event.params.entry.text);
      if (event.method === 'Network.requestWillBeSent') requests.push(event.params.request.url);
      if (event.method === 'Page.loadEventFired') loaded();
    });
    await call('Runtime.enable');
    await call('Log.enable');
    await call('Network.enable');
    await call('Page.enable');
    // The report must be readable without JavaScript: render it that way.
    await call('Emulation.setScriptExecutionDisabled', { value: true });
    await call('Emulation.setDeviceMetricsOverride', { width: viewportWidth, height: 900, deviceScaleFactor: 1, mobile: false });
    await call('Page.navigate', { url });
    await load;
    const { result } = await call('Runtime.evaluate', { expression: 'document.body.innerText', returnByValue: true });
    const metrics = await call('Page.getLayoutMetrics');
    const height = Math.ceil(metrics.cssContentSize.height);
    await call('Emulation.setDeviceMetricsOverride', { width: viewportWidth, height, deviceScaleFactor: 1, mobile: false });
    const { data } = await call('Page.captureScreenshot', { format: 'png' });
    await this.send('Target.closeTarget', { targetId });
    return { consoleErrors, requests, visibleText: String(result.value ?? ''), screenshot: Buffer.from(data, 'base64'), width: viewportWidth, height };
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    try {
      await this.send('Browser.close');
    } catch {
      this.process.kill();
    }
    await exited;
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
